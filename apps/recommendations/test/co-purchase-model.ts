import { randomUUID } from 'node:crypto';
import type { OrderSnapshot } from '@app/event-contracts';

export interface RankedItem {
  productId: string;
  orders: number;
}

/** The co-purchase model the service should hold, computed from what a test did to the system. */
export class ExpectedModel {
  private readonly counted = new Map<string, string[]>();
  private readonly retired = new Set<string>();

  place(orderId: string, productIds: string[]): void {
    this.counted.set(orderId, productIds);
  }

  cancel(orderId: string): void {
    this.counted.delete(orderId);
  }

  decommission(productId: string): void {
    this.retired.add(productId);
  }

  recommission(productId: string): void {
    this.retired.delete(productId);
  }

  /** Active partners, most orders first, then by id (PostgreSQL orders uuids as hex text). */
  recommendations(productId: string, limit = 10): RankedItem[] {
    const counts = new Map<string, number>();
    for (const ids of this.counted.values()) {
      if (!ids.includes(productId)) continue;
      for (const other of ids) {
        if (other !== productId) counts.set(other, (counts.get(other) ?? 0) + 1);
      }
    }
    return [...counts]
      .filter(([id]) => !this.retired.has(id))
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, limit)
      .map(([id, orders]) => ({ productId: id, orders }));
  }
}

export interface OrderCloudEvent {
  id: string;
  type: string;
  subject: string;
  aggregateversion: number;
  data: OrderSnapshot;
  [key: string]: unknown;
}

/** An order event as the order service would publish it, for tests that play the producer. */
export function orderEvent(
  type: 'order.placed' | 'order.cancelled',
  orderId: string,
  productIds: string[],
): OrderCloudEvent {
  const now = new Date().toISOString();
  const version = type === 'order.placed' ? 1 : 2;
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: '/services/order',
    type,
    subject: orderId,
    time: now,
    datacontenttype: 'application/json',
    aggregateversion: version,
    data: {
      id: orderId,
      customerId: 'customer-synthetic',
      status: type === 'order.placed' ? 'placed' : 'cancelled',
      totalCents: 100 * productIds.length,
      currency: 'EUR',
      version,
      cancelReason: null,
      placedAt: now,
      updatedAt: now,
      lines: productIds.map((productId, i) => ({
        lineNo: i + 1,
        productId,
        productSku: `SKU-${i + 1}`,
        productName: `synthetic ${i + 1}`,
        unitPriceCents: 100,
        currency: 'EUR',
        quantity: 1,
        lineTotalCents: 100,
      })),
    },
  };
}
