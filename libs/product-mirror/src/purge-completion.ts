import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PurgeReceiptEventType, type PurgeReceipt } from '@app/event-contracts';
import { DeadLetterStore } from '@app/dead-letters';
import { Outbox } from '@app/outbox';
import { PRODUCT_MIRROR_OPTIONS, type ProductMirrorModuleOptions } from './product-mirror.options';

/** A tombstone the mirror has just written. */
export interface WrittenTombstone {
  id: string;
  version: number;
  /**
   * Whether to send a receipt: false only when the owner said it already holds this mirror's
   * receipt of this purge (a rebuilt mirror reading its owner's tombstones).
   */
  receipt: boolean;
}

/**
 * What follows a tombstone in the transaction that wrote it: the service erases its own copies
 * (`onPurged`), the dead letters it parked about the product lose their bodies, and a
 * `purge-receipt.issued` goes into its outbox, so a receipt exists exactly when the erasure does
 * (unless the owner already holds this mirror's receipt of that purge: a repeat would change
 * nothing in its ledger).
 */
@Injectable()
export class PurgeCompletion implements OnModuleInit {
  constructor(
    @Inject(PRODUCT_MIRROR_OPTIONS) private readonly options: ProductMirrorModuleOptions,
    private readonly outbox: Outbox,
    private readonly deadLetters: DeadLetterStore,
  ) {}

  /**
   * A service whose outbox does not declare purge receipts would fail its first purge (and
   * dead-letter the purge event): it fails at boot instead.
   */
  onModuleInit(): void {
    if (!this.outbox.publishes(PurgeReceiptEventType.Issued)) {
      throw new Error(
        `a product mirror publishes ${PurgeReceiptEventType.Issued}: declare ` +
          'PURGE_RECEIPT_CONTRACTS in the outbox of the service that mirrors products (publishes)',
      );
    }
  }

  /** One statement each for the whole batch, however many tombstones a page or a batch wrote. */
  async complete(manager: EntityManager, tombstones: WrittenTombstone[]): Promise<void> {
    if (tombstones.length === 0) return;
    const ids = tombstones.map((t) => t.id);
    await this.options.onPurged?.(manager, ids);
    await this.deadLetters.eraseSubjects(manager, ids, 'product.purged');
    const appliedAt = new Date().toISOString();
    const receipts = tombstones.filter((t) => t.receipt);
    if (receipts.length === 0) return;
    await this.outbox.addAll<PurgeReceipt>(
      manager,
      receipts.map(({ id, version }) => ({
        type: PurgeReceiptEventType.Issued,
        aggregateType: 'purge-receipt',
        aggregateId: id,
        aggregateVersion: version,
        data: {
          aggregateType: 'product',
          aggregateId: id,
          version,
          mirror: this.options.consumer,
          appliedAt,
        },
      })),
    );
  }
}
