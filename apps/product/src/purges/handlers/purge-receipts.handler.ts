import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { PurgeReceipt, PurgeReceiptEventType } from '@app/event-contracts';
import { InboxContext, InboxEvent } from '@app/inbox';
import { PurgeLedger, purgeReceiptOf } from '@app/mirror-sync';
import { PRODUCT_AGGREGATE, PURGE_MIRRORS } from '../purges.constants';

/**
 * The one event each expected mirror's queue (`product.<mirror>`, on `<mirror>.events`) is bound
 * to: its receipt, recorded in the purge ledger.
 */
@Controller()
export class PurgeReceiptsHandler {
  constructor(private readonly ledger: PurgeLedger) {}

  @InboxEvent(PurgeReceiptEventType.Issued, { producerGroup: PURGE_MIRRORS })
  async issued(@Payload() receipt: PurgeReceipt, @Ctx() ctx: InboxContext): Promise<void> {
    await this.ledger.record(
      ctx.manager,
      purgeReceiptOf(receipt, ctx.envelope, {
        aggregateType: PRODUCT_AGGREGATE,
        mirror: ctx.producer,
      }),
    );
  }
}
