import { http, waitFor, type ServiceSystem } from '@app/testing';
import type { ExpectedModel } from './co-purchase-model';

/**
 * Products created over HTTP (`sku` `REC-<key>`, price 100 × (position + 1)), then, once the
 * order service mirrors them all, one order per basket, each recorded in `model`. Returns the
 * product id of each key and the order ids, in basket order.
 */
export async function placeBaskets<K extends string>(
  system: ServiceSystem,
  keys: readonly K[],
  baskets: K[][],
  model: ExpectedModel,
): Promise<{ products: Record<K, string>; orders: string[] }> {
  const products = {} as Record<K, string>;
  for (const [i, key] of keys.entries()) {
    const body = { sku: `REC-${key}`, name: `Product ${key}`, priceCents: 100 * (i + 1) };
    const res = await http<{ id: string }>('POST', `${system.url('product')}/products`, {
      admin: true,
      body: { ...body, currency: 'EUR' },
    });
    expect(res.status).toBe(201);
    products[key] = res.body.id;
  }
  // The order service accepts a product only once its own mirror knows it.
  const orderDb = await system.db('order');
  const mirrored = async (): Promise<number> =>
    (
      await orderDb.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM product_mirror WHERE id = ANY($1::uuid[])',
        [Object.values(products)],
      )
    )[0].n;
  await waitFor(async () => (await mirrored()) === keys.length, {
    what: 'the order service to mirror every product',
  });
  const orders: string[] = [];
  for (const basket of baskets) {
    const lines = basket.map((k) => ({ productId: products[k], quantity: 1 }));
    const res = await http<{ id: string }>('POST', `${system.url('order')}/orders`, {
      body: { customerId: 'customer-rec', lines },
    });
    expect(res.status).toBe(201);
    orders.push(res.body.id);
    model.place(
      res.body.id,
      basket.map((k) => products[k]),
    );
  }
  return { products, orders };
}
