/**
 * A message that can never be handled (malformed, fails validation, unknown type): it goes to
 * the dead-letter queue at once with this reason instead of being retried.
 */
export class PermanentMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentMessageError';
  }
}
