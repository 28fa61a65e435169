/** `add` was called outside a transaction: the event could commit without its change. */
export class OutboxTransactionRequiredError extends Error {
  constructor() {
    super('Outbox.add() needs the EntityManager of an active transaction');
    this.name = 'OutboxTransactionRequiredError';
  }
}
