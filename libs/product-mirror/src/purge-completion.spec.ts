import type { DataSource } from 'typeorm';
import { PURGE_RECEIPT_CONTRACTS, type EventContract } from '@app/event-contracts';
import type { DeadLetterStore } from '@app/dead-letters';
import { Outbox } from '@app/outbox';
import { PurgeCompletion } from './purge-completion';

// Neither is touched before a purge: the check at boot reads only the outbox's declaration.
const dataSource = {} as DataSource;
const deadLetters = {} as DeadLetterStore;

function completion(publishes: readonly EventContract[]): PurgeCompletion {
  const outbox = new Outbox({ producer: 'shop', publishes }, dataSource);
  return new PurgeCompletion(
    { consumer: 'shop', sync: { ownerUrl: 'http://127.0.0.1:9' } },
    outbox,
    deadLetters,
  );
}

describe('PurgeCompletion at boot', () => {
  it('refuses an outbox that does not declare purge receipts', () => {
    expect(() => completion([]).onModuleInit()).toThrow(
      'a product mirror publishes purge-receipt.issued: declare PURGE_RECEIPT_CONTRACTS',
    );
  });

  it('starts when the outbox declares them', () => {
    expect(() => completion(PURGE_RECEIPT_CONTRACTS).onModuleInit()).not.toThrow();
  });
});
