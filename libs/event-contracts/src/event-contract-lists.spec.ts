import { CART_EVENT_CONTRACTS, CartEventType } from './cart-events.contract';
import type { EventContract } from './event-contract';
import { ORDER_EVENT_CONTRACTS, OrderEventType } from './order-events.contract';
import { PRODUCT_EVENT_CONTRACTS, ProductEventType } from './product-events.contract';
import { PURGE_RECEIPT_CONTRACTS, PurgeReceiptEventType } from './purge-receipt.contract';

// A producer declares what it publishes with these lists (its outbox refuses anything else), so
// a type added to a producer's vocabulary but not to its list could never be published.
describe.each<[string, Record<string, string>, readonly EventContract[]]>([
  ['product', ProductEventType, PRODUCT_EVENT_CONTRACTS],
  ['order', OrderEventType, ORDER_EVENT_CONTRACTS],
  ['cart', CartEventType, CART_EVENT_CONTRACTS],
  ['purge receipt', PurgeReceiptEventType, PURGE_RECEIPT_CONTRACTS],
])('the %s contracts', (_name, types, contracts) => {
  it('list every event type once, each with a contract class and a summary', () => {
    expect(contracts.map((c) => c.type).sort()).toEqual(Object.values(types).sort());
    for (const contract of contracts) {
      expect(typeof contract.data).toBe('function');
      expect(contract.summary).toEqual(expect.any(String));
    }
  });
});
