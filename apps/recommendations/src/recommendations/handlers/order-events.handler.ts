import { OrderEventType, type OrderSnapshot } from '@app/event-contracts';
import { PermanentMessageError, type EventHandler } from '@app/inbox';
import type { CloudEvent } from '@app/outbox';
import type { CoPurchasesService, OrderFact } from '../co-purchases.service';
import type { ContributionStatus } from '../order-contribution.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checks an order event against the contract; a violation is poison, never a retry. */
export function orderFact(event: CloudEvent, status: ContributionStatus): OrderFact {
  const o = event.data as Partial<OrderSnapshot> | null;
  if (!o || typeof o !== 'object') throw new PermanentMessageError('data is not an object');
  const problems: string[] = [];
  if (typeof o.id !== 'string' || !UUID.test(o.id)) problems.push('id');
  else if (o.id !== event.subject) problems.push('id does not match subject');
  if (o.status !== status) problems.push(`status is not ${status}`);
  if (o.version !== event.aggregateversion) problems.push('version does not match');
  const lines = Array.isArray(o.lines) ? o.lines : [];
  if (!Array.isArray(o.lines)) problems.push('lines');
  lines.forEach((l, i) => {
    if (typeof l?.productId !== 'string' || !UUID.test(l.productId)) {
      problems.push(`lines.${i}.productId`);
    }
  });
  if (problems.length > 0) {
    throw new PermanentMessageError(`invalid order snapshot: ${problems.join(', ')}`);
  }
  return {
    orderId: o.id as string,
    status,
    version: event.aggregateversion,
    productIds: lines.map((l) => l.productId),
  };
}

/** One handler per order event type; the queue is bound to exactly these. */
export function orderEventHandlers(
  model: CoPurchasesService,
): Record<OrderEventType, EventHandler> {
  return {
    [OrderEventType.Placed]: async (manager, event) =>
      void (await model.apply(manager, orderFact(event, 'placed'))),
    [OrderEventType.Cancelled]: async (manager, event) =>
      void (await model.apply(manager, orderFact(event, 'cancelled'))),
  };
}
