import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { OrderEventType, OrderSnapshot } from '@app/event-contracts';
import { InboxContext, InboxEvent, PermanentMessageError } from '@app/inbox';
import { CoPurchasesService, type OrderFact } from '../co-purchases.service';
import type { ContributionStatus } from '../order-contribution.entity';
import { ORDER_PRODUCER } from '../recommendations.constants';

const FROM_ORDER = { producer: ORDER_PRODUCER };

/** Order events into the co-purchase model (queue `recommendations.order`). */
@Controller()
export class OrderEventsHandler {
  constructor(private readonly model: CoPurchasesService) {}

  @InboxEvent(OrderEventType.Placed, FROM_ORDER)
  async placed(@Payload() order: OrderSnapshot, @Ctx() ctx: InboxContext): Promise<void> {
    await this.model.apply(ctx.manager, orderFact(order, ctx, 'placed'));
  }

  @InboxEvent(OrderEventType.Cancelled, FROM_ORDER)
  async cancelled(@Payload() order: OrderSnapshot, @Ctx() ctx: InboxContext): Promise<void> {
    await this.model.apply(ctx.manager, orderFact(order, ctx, 'cancelled'));
  }
}

/** The order's contribution; an order of another id, version or status than its event is poison. */
function orderFact(order: OrderSnapshot, ctx: InboxContext, status: ContributionStatus): OrderFact {
  ctx.assertSubject(order.id);
  ctx.assertVersion(order.version);
  if (order.status !== status) {
    throw new PermanentMessageError(`invalid order snapshot: status is not ${status}`);
  }
  return {
    orderId: order.id,
    status,
    version: ctx.envelope.aggregateversion,
    productIds: order.lines.map((l) => l.productId),
  };
}
