import { CartEventType, type CartItemEventData } from '@app/event-contracts';
import { PermanentMessageError, type EventHandler } from '@app/inbox';
import type { CloudEvent } from '@app/outbox';
import type { CountersService } from '../counters.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checks a cart event's data against the contract; a violation is poison, never a retry. */
export function validCartItem(event: CloudEvent): CartItemEventData {
  const d = event.data as Partial<CartItemEventData> | null;
  if (!d || typeof d !== 'object') throw new PermanentMessageError('data is not an object');
  const problems: string[] = [];
  if (typeof d.productId !== 'string' || !UUID.test(d.productId)) problems.push('productId');
  if (typeof d.customerId !== 'string' || d.customerId === '') problems.push('customerId');
  else if (d.customerId !== event.subject) problems.push('customerId does not match subject');
  for (const key of ['quantity', 'previousQuantity', 'cartVersion'] as const) {
    if (!Number.isInteger(d[key]) || (d[key] as number) < 0) problems.push(key);
  }
  if (problems.length > 0) {
    throw new PermanentMessageError(`invalid cart item data: ${problems.join(', ')}`);
  }
  return d as CartItemEventData;
}

/**
 * One handler per cart event type; the queue is bound to exactly these, so every type the cart
 * publishes must be here (its publishes are `mandatory`) even when, like `cart.item-updated`,
 * it changes no counter.
 */
export function cartEventHandlers(counters: CountersService): Record<CartEventType, EventHandler> {
  return {
    [CartEventType.ItemAdded]: (manager, event) =>
      counters.increment(manager, validCartItem(event).productId, 'added'),
    [CartEventType.ItemRemoved]: (manager, event) =>
      counters.increment(manager, validCartItem(event).productId, 'removed'),
    // A quantity change is neither an add nor a removal; validated so poison is still parked.
    [CartEventType.ItemUpdated]: (_manager, event) => {
      validCartItem(event);
      return Promise.resolve();
    },
  };
}
