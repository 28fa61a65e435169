/** `add` was called outside a transaction: the event could commit without its change. */
export class OutboxTransactionRequiredError extends Error {
  constructor() {
    super('Outbox.add() needs the EntityManager of an active transaction');
    this.name = 'OutboxTransactionRequiredError';
  }
}

/** `add` was given an event type the service does not declare it publishes (`publishes`). */
export class UndeclaredEventTypeError extends Error {
  constructor(type: string, producer: string) {
    super(
      `Outbox.add(): ${producer} does not publish ${type}; declare it with its contract in the ` +
        `outbox's \`publishes\``,
    );
    this.name = 'UndeclaredEventTypeError';
  }
}
