import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { CartEventType, CartItemEventData } from '@app/event-contracts';
import { InboxContext, InboxEvent, type StagedFlush } from '@app/inbox';
import { CART_PRODUCER } from '../counters.constants';
import { CountersService, type CartCount, type CartCounter } from '../counters.service';

const FROM_CART = { producer: CART_PRODUCER };

/**
 * Cart events into the counters (queue `tracking.cart`). The queue is bound to exactly the
 * types handled here, so every type the cart publishes must be (its publishes are `mandatory`)
 * even when, like `cart.item-updated`, it changes no counter. Counts are staged: the events of one
 * inbox transaction increment the counters in one statement before its commit (increments
 * commute, and nothing in the transaction reads them).
 */
@Controller()
export class CartEventsHandler {
  constructor(private readonly counters: CountersService) {}

  @InboxEvent(CartEventType.ItemAdded, FROM_CART)
  added(@Payload() item: CartItemEventData, @Ctx() ctx: InboxContext): void {
    this.count(item, ctx, 'added');
  }

  @InboxEvent(CartEventType.ItemRemoved, FROM_CART)
  removed(@Payload() item: CartItemEventData, @Ctx() ctx: InboxContext): void {
    this.count(item, ctx, 'removed');
  }

  /** A quantity change is neither an add nor a removal; validated so poison is still parked. */
  @InboxEvent(CartEventType.ItemUpdated, FROM_CART)
  updated(@Payload() item: CartItemEventData, @Ctx() ctx: InboxContext): void {
    checkCart(item, ctx);
  }

  private count(item: CartItemEventData, ctx: InboxContext, counter: CartCounter): void {
    checkCart(item, ctx);
    ctx.stage('product_cart_counters', [{ productId: item.productId, counter }], this.write);
  }

  /** One function for every staging: a key names one flush. */
  private readonly write: StagedFlush<CartCount> = (manager, counts) =>
    this.counters.increment(manager, counts);
}

// The cart is the aggregate: its customer is the subject, its version the aggregateversion.
function checkCart(item: CartItemEventData, ctx: InboxContext): void {
  ctx.assertSubject(item.customerId, 'customerId');
  ctx.assertVersion(item.cartVersion, 'cartVersion');
}
