import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ProductEventType, ProductPurged, ProductSnapshot } from '@app/event-contracts';
import { InboxContext, InboxEvent, type StagedFlush } from '@app/inbox';
import { assertEntry, snapshotEntry, tombstoneEntry, type ProductEntry } from './product-entries';
import { PRODUCT_PRODUCER } from './product-mirror.constants';
import { PRODUCT_MIRROR_TABLE } from './product-mirror.schema';
import { ProductMirror } from './product-mirror.service';

const FROM_PRODUCT = { producer: PRODUCT_PRODUCER };

/**
 * The product service's events into the mirror (queue `<consumer>.product`). Each handler checks
 * its entry and stages it; the entries of one inbox transaction are written by one `apply`
 * before its commit (newest version per id wins, tombstones completed with their receipts).
 */
@Controller()
export class ProductEventsController {
  constructor(private readonly mirror: ProductMirror) {}

  /** Every snapshot-carrying event; the snapshot is stored at the event's `aggregateversion`. */
  @InboxEvent(
    [
      ProductEventType.Created,
      ProductEventType.Updated,
      ProductEventType.Decommissioned,
      ProductEventType.Recommissioned,
    ],
    FROM_PRODUCT,
  )
  snapshot(@Payload() snapshot: ProductSnapshot, @Ctx() ctx: InboxContext): void {
    ctx.assertSubject(snapshot.id);
    ctx.assertVersion(snapshot.version);
    this.stage(ctx, snapshotEntry(snapshot, ctx.envelope.aggregateversion));
  }

  /** A purge: the row becomes a tombstone at the purge's version. */
  @InboxEvent(ProductEventType.Purged, FROM_PRODUCT)
  purged(@Payload() purged: ProductPurged, @Ctx() ctx: InboxContext): void {
    ctx.assertSubject(purged.id);
    this.stage(ctx, tombstoneEntry(purged.id, ctx.envelope.aggregateversion));
  }

  // Checked now, so a poison entry is refused by its own message, not by the shared write.
  private stage(ctx: InboxContext, entry: ProductEntry): void {
    assertEntry(entry);
    ctx.stage(PRODUCT_MIRROR_TABLE, [entry], this.write);
  }

  /** One function for every staging: a key names one flush. */
  private readonly write: StagedFlush<ProductEntry> = async (manager, entries) => {
    await this.mirror.apply(manager, entries);
  };
}
