import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ProductEventType, ProductPurged, ProductSnapshot } from '@app/event-contracts';
import { InboxContext, InboxEvent } from '@app/inbox';
import { snapshotEntry, tombstoneEntry } from './product-entries';
import { PRODUCT_PRODUCER } from './product-mirror.constants';
import { ProductMirror } from './product-mirror.service';

const FROM_PRODUCT = { producer: PRODUCT_PRODUCER };

/** The product service's events into the mirror (queue `<consumer>.product`). */
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
  async snapshot(@Payload() snapshot: ProductSnapshot, @Ctx() ctx: InboxContext): Promise<void> {
    ctx.assertSubject(snapshot.id);
    ctx.assertVersion(snapshot.version);
    await this.mirror.apply(ctx.manager, [snapshotEntry(snapshot, ctx.envelope.aggregateversion)]);
  }

  /** A purge: the row becomes a tombstone at the purge's version. */
  @InboxEvent(ProductEventType.Purged, FROM_PRODUCT)
  async purged(@Payload() purged: ProductPurged, @Ctx() ctx: InboxContext): Promise<void> {
    ctx.assertSubject(purged.id);
    await this.mirror.apply(ctx.manager, [
      tombstoneEntry(purged.id, ctx.envelope.aggregateversion),
    ]);
  }
}
