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

/** A body over the consumer's size limit: poison, parked with only the start of its body. */
export class OversizedMessageError extends PermanentMessageError {
  /** How much of the body its dead letter keeps. */
  readonly keptBytes = 4096;

  constructor(
    readonly bytes: number,
    readonly maxBytes: number,
  ) {
    super(`body of ${bytes} bytes is over the limit of ${maxBytes} bytes`);
    this.name = 'OversizedMessageError';
  }
}
