import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PurgeReceiptEventType, type PurgeReceipt } from '@app/event-contracts';
import { DeadLetterStore } from '@app/inbox';
import { Outbox } from '@app/outbox';
import { PRODUCT_MIRROR_OPTIONS, type ProductMirrorModuleOptions } from './product-mirror.options';

/** A tombstone the mirror has just written. */
export interface WrittenTombstone {
  id: string;
  version: number;
}

/**
 * What follows a tombstone in the transaction that wrote it: the service erases its own copies
 * (`onPurged`), the dead letters it parked about the product lose their bodies, and a
 * `purge-receipt.issued` goes into its outbox, so a receipt exists exactly when the erasure does.
 */
@Injectable()
export class PurgeCompletion {
  constructor(
    @Inject(PRODUCT_MIRROR_OPTIONS) private readonly options: ProductMirrorModuleOptions,
    private readonly outbox: Outbox,
    private readonly deadLetters: DeadLetterStore,
  ) {}

  async complete(manager: EntityManager, tombstones: WrittenTombstone[]): Promise<void> {
    for (const { id, version } of tombstones) {
      await this.options.onPurged?.(manager, id);
      await this.deadLetters.eraseSubject(manager, id, 'product.purged');
      await this.outbox.add<PurgeReceipt>(manager, {
        type: PurgeReceiptEventType.Issued,
        aggregateType: 'purge-receipt',
        aggregateId: id,
        aggregateVersion: version,
        data: {
          aggregateType: 'product',
          aggregateId: id,
          version,
          mirror: this.options.consumer,
          appliedAt: new Date().toISOString(),
        },
      });
    }
  }
}
