import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { CartEventType, CartItemEventData } from '@app/event-contracts';
import { InboxContext, InboxEvent } from '@app/inbox';
import { CART_PRODUCER } from '../counters.constants';
import { CountersService } from '../counters.service';

const FROM_CART = { producer: CART_PRODUCER };

/**
 * Cart events into the counters (queue `tracking.cart`). The queue is bound to exactly the
 * types handled here, so every type the cart publishes must be (its publishes are `mandatory`)
 * even when, like `cart.item-updated`, it changes no counter.
 */
@Controller()
export class CartEventsHandler {
  constructor(private readonly counters: CountersService) {}

  @InboxEvent(CartEventType.ItemAdded, FROM_CART)
  async added(@Payload() item: CartItemEventData, @Ctx() ctx: InboxContext): Promise<void> {
    checkCart(item, ctx);
    await this.counters.increment(ctx.manager, item.productId, 'added');
  }

  @InboxEvent(CartEventType.ItemRemoved, FROM_CART)
  async removed(@Payload() item: CartItemEventData, @Ctx() ctx: InboxContext): Promise<void> {
    checkCart(item, ctx);
    await this.counters.increment(ctx.manager, item.productId, 'removed');
  }

  /** A quantity change is neither an add nor a removal; validated so poison is still parked. */
  @InboxEvent(CartEventType.ItemUpdated, FROM_CART)
  updated(@Payload() item: CartItemEventData, @Ctx() ctx: InboxContext): void {
    checkCart(item, ctx);
  }
}

// The cart is the aggregate: its customer is the subject, its version the aggregateversion.
function checkCart(item: CartItemEventData, ctx: InboxContext): void {
  ctx.assertSubject(item.customerId, 'customerId');
  ctx.assertVersion(item.cartVersion, 'cartVersion');
}
