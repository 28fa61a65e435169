import { randomUUID } from 'node:crypto';
import { http, productSnapshotEvent, ServiceSystem, waitFor } from '@app/testing';

/** Orders the order service must refuse with 400: a total its columns cannot hold, too many lines. */
describe('order service limits', () => {
  let system: ServiceSystem;
  let base: string;
  /** A product of the highest price the product service takes, in the order's mirror. */
  const dear = randomUUID();

  beforeAll(async () => {
    system = await ServiceSystem.start(['order']);
    base = system.url('order');
    const event = productSnapshotEvent(dear, 1, { priceCents: 1_000_000_000 });
    await system.amqp.publish('product.events', event.type, event, {
      messageId: event.id,
      type: event.type,
      contentType: 'application/cloudevents+json',
    });
    const db = await system.db('order');
    await waitFor(
      async () =>
        (await db.query('SELECT 1 FROM product_mirror WHERE id = $1', [dear])).length === 1,
      { what: 'the product mirrored' },
    );
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('answers 400 for an order whose total overflows its column, and stores nothing', async () => {
    const res = await http('POST', `${base}/orders`, {
      body: { customerId: 'c-1', lines: [{ productId: dear, quantity: 3 }] },
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual([
      "lines: the order's total of 3000000000 cents is over 2147483647",
    ]);
    const db = await system.db('order');
    expect(await db.query('SELECT id FROM orders')).toEqual([]);
    const fits = await http('POST', `${base}/orders`, {
      body: { customerId: 'c-1', lines: [{ productId: dear, quantity: 2 }] },
    });
    expect([fits.status, fits.body.totalCents]).toEqual([201, 2_000_000_000]);
  });

  it('answers 400 for more lines than an order may have (100)', async () => {
    const lines = Array.from({ length: 101 }, () => ({ productId: randomUUID(), quantity: 1 }));
    const res = await http('POST', `${base}/orders`, { body: { customerId: 'c-1', lines } });
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual(['lines: lines must contain no more than 100 elements']);
  });
});
