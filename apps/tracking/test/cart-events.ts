import { randomUUID } from 'node:crypto';

export type CartEventType = 'cart.item-added' | 'cart.item-updated' | 'cart.item-removed';

const TYPES: CartEventType[] = ['cart.item-added', 'cart.item-updated', 'cart.item-removed'];

export interface CartEvent {
  id: string;
  type: CartEventType;
  subject: string;
  data: { customerId: string; productId: string; [key: string]: unknown };
  [key: string]: unknown;
}

export interface Counts {
  added: number;
  removed: number;
}

/** Cart events as the cart service would publish them, for tests that play the producer. */
export class CartEvents {
  private readonly cartVersions = new Map<string, number>();

  /** One event; the aggregate is the customer's cart (`subject`), its version grows by one. */
  event(
    type: CartEventType,
    customerId: string,
    productId: string,
    data: Record<string, unknown> = {},
  ): CartEvent {
    const cartVersion = (this.cartVersions.get(customerId) ?? 0) + 1;
    this.cartVersions.set(customerId, cartVersion);
    return {
      specversion: '1.0',
      id: randomUUID(),
      source: '/services/cart',
      type,
      subject: customerId,
      time: new Date().toISOString(),
      datacontenttype: 'application/json',
      aggregateversion: cartVersion,
      data: {
        customerId,
        productId,
        quantity: type === 'cart.item-removed' ? 0 : 2,
        previousQuantity: type === 'cart.item-added' ? 0 : 1,
        cartVersion,
        ...data,
      },
    };
  }

  /** `n` events over `products` and three customers, every type, in a seeded pseudo-random mix. */
  mixedStream(n: number, products: string[], seed: number): CartEvent[] {
    const customers = ['alice', 'bob', 'carol'].map((c) => `${c}-${randomUUID().slice(0, 8)}`);
    let state = seed >>> 0;
    const next = (mod: number): number => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return (state >>> 16) % mod; // the high bits: an LCG's low bits cycle
    };
    return Array.from({ length: n }, () =>
      this.event(TYPES[next(3)], customers[next(3)], products[next(products.length)]),
    );
  }
}

/** What the counters must say after `events`, whatever their order or redeliveries. */
export function expectedCounts(events: CartEvent[], products: string[]): Map<string, Counts> {
  const counts = new Map(products.map((id) => [id, { added: 0, removed: 0 }]));
  for (const e of events) {
    const c = counts.get(e.data.productId);
    if (!c) throw new Error(`event for a product outside ${products.join(', ')}`);
    if (e.type === 'cart.item-added') c.added++;
    if (e.type === 'cart.item-removed') c.removed++;
  }
  return counts;
}
