import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import { load } from 'js-yaml';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { http, rabbitmqctl, ServiceSystem, waitFor, type Tap } from '@app/testing';
import { placeBaskets } from './co-purchase-fixture';
import { ExpectedModel, orderEvent, type OrderCloudEvent } from './co-purchase-model';
import { RecommendationsProbe } from './recommendations-probe';

const KEYS = ['A', 'B', 'C', 'D', 'E'] as const;
type Key = (typeof KEYS)[number];
/** Orders placed over HTTP; A's partners: B in 3, C in 2, D in 1. */
const BASKETS: Key[][] = [
  ['A', 'B', 'C'],
  ['A', 'B'],
  ['A', 'B', 'D'],
  ['A', 'C'],
  ['B', 'E'],
];

/**
 * Recommendations seen from outside, with the real product and order services: products are
 * created and orders placed over HTTP, and the co-purchase lists follow. A decommission hides a
 * product from every list within a second, a recommission brings it back, a cancel subtracts
 * its pairs, and redelivered or reordered order events never count twice.
 */
describe('recommendations from co-purchases (product, order, recommendations)', () => {
  let system: ServiceSystem;
  let rec: RecommendationsProbe;
  let orderEvents: Tap;
  const model = new ExpectedModel();
  let p: Record<Key, string>;
  let orders: string[];

  beforeAll(async () => {
    system = await ServiceSystem.start(['product', 'order', 'recommendations']);
    rec = new RecommendationsProbe(system);
    orderEvents = await system.amqp.tap('order.events');
    ({ products: p, orders } = await placeBaskets(system, KEYS, BASKETS, model));
  });

  afterAll(async () => {
    await system?.stop();
  });

  const everyList = (): Promise<void> => rec.followModel(model, Object.values(p));

  async function admin(action: string, id: string, body: object = {}, status = 200) {
    const url = `${system.url('product')}/admin/products/${id}/${action}`;
    expect((await http('POST', url, { admin: true, body })).status).toBe(status);
  }

  function captured(type: string, orderId: string): OrderCloudEvent {
    const event = orderEvents
      .bodies<OrderCloudEvent>()
      .find((e) => e.type === type && e.subject === orderId);
    if (!event) throw new Error(`no ${type} captured for ${orderId}`);
    return event;
  }

  it('ranks products bought together by orders, then by id, with their mirrored data', async () => {
    await everyList();
    const item = (k: Key, orders: number) => ({
      productId: p[k],
      name: `Product ${k}`,
      priceCents: 100 * (KEYS.indexOf(k) + 1),
      currency: 'EUR',
      version: 1,
      orders,
    });
    expect(await rec.get(p.A)).toEqual({
      productId: p.A,
      items: [item('B', 3), item('C', 2), item('D', 1)],
    });
    expect((await rec.ranked(p.B))[0]).toEqual({ productId: p.A, orders: 3 });
    const limited = await rec.get(p.B, '?limit=2');
    expect(limited.items.map((i) => i.productId)).toEqual(
      model.recommendations(p.B, 2).map((i) => i.productId),
    );
  });

  it('answers an unknown product with an empty list and bad input with 400', async () => {
    expect(await rec.get(randomUUID())).toMatchObject({ items: [] });
    const base = `${system.url('recommendations')}/recommendations/products`;
    const limits = ['0', '51', 'x', '2.5'].map((l) => `${base}/${p.A}?limit=${l}`);
    for (const url of [`${base}/nope`, ...limits, `${base}/${p.A}?sort=x`]) {
      const res = await http('GET', url);
      expect({ url, status: res.status }).toEqual({ url, status: 400 });
    }
    const doc = await http('GET', `${system.url('recommendations')}/docs/openapi.json`);
    const route = doc.body.paths['/recommendations/products/{productId}'].get;
    expect(route.parameters.map((q: any) => q.name).sort()).toEqual(['limit', 'productId']);
  });

  it('serves its AsyncAPI document beside the OpenAPI one: what it publishes and consumes', async () => {
    const res = await http('GET', `${system.url('recommendations')}/docs/asyncapi.json`);
    expect(res.status).toBe(200);
    const served = res.body as {
      operations: Record<string, { action: string }>;
      channels: Record<string, object>;
    };
    const { diagnostics } = await new Parser().parse(JSON.stringify(served));
    const isError = (severity: unknown) => severity === (DiagnosticSeverity.Error as number);
    expect(diagnostics.filter((d) => isError(d.severity))).toEqual([]);
    const products = ['created', 'updated', 'decommissioned', 'recommissioned', 'purged'];
    expect(Object.keys(served.operations).sort()).toEqual(
      [
        'recommendations--receives--order--order-cancelled',
        'recommendations--receives--order--order-placed',
        ...products.map((t) => `recommendations--receives--product--product-${t}`),
        'recommendations--sends--purge-receipt-issued',
      ].sort(),
    );
    // Its queue from the order service is bound to exactly the types the document lists.
    const bindings = await rabbitmqctl(
      'list_bindings',
      '-p',
      system.environment.vhost,
      'source_name',
      'destination_name',
      'routing_key',
      '--quiet',
      '--no-table-headers',
    );
    const orderTypes = bindings
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter(([source, queue]) => source === 'order.events' && queue === 'recommendations.order')
      .map(([, , type]) => type)
      .sort();
    expect(orderTypes).toEqual(['order.cancelled', 'order.placed']);
    // The whole system's document holds this app's operations and channels as it serves them.
    const whole = load(
      readFileSync(join(__dirname, '..', '..', '..', 'docs', 'asyncapi.yaml'), 'utf8'),
    ) as typeof served;
    for (const [id, operation] of Object.entries(served.operations)) {
      expect({ id, operation: whole.operations[id] }).toEqual({ id, operation });
    }
    for (const [id, channel] of Object.entries(served.channels)) {
      expect({ id, channel: whole.channels[id] }).toEqual({ id, channel });
    }
  });

  it('serves an ETag under a public max-age=0 policy and answers 304 while it holds', async () => {
    const url = `${system.url('recommendations')}/recommendations/products/${p.A}`;
    const first = await fetch(url);
    expect(first.headers.get('cache-control')).toBe('public, max-age=0');
    const etag = first.headers.get('etag') as string;
    expect((await fetch(url, { headers: { 'if-none-match': etag } })).status).toBe(304);
  });

  it('hides a decommissioned product from every list that had it within a second', async () => {
    const url = `${system.url('recommendations')}/recommendations/products/${p.A}`;
    const etag = (await fetch(url)).headers.get('etag') as string;
    const holders = [p.A, p.C, p.D, p.E];
    for (const id of holders) expect((await rec.ranked(id)).map((i) => i.productId)).toContain(p.B);

    await admin('decommission', p.B, { reason: 'recalled' });
    const decommissionedAt = Date.now();
    model.decommission(p.B);
    // The time that counts is when a probe first saw every list without B (its start), not
    // when the probe's own HTTP reads finished.
    const goneAt = await waitFor(
      async () => {
        const probeStart = Date.now();
        for (const id of holders) {
          if ((await rec.ranked(id)).some((i) => i.productId === p.B)) return false;
        }
        return probeStart;
      },
      { what: 'B gone from every list', timeoutMs: 5_000, intervalMs: 20 },
    );
    expect(goneAt - decommissionedAt).toBeLessThan(1000);
    await everyList();
    // The decommissioned product's own list still recommends its active partners.
    expect(await rec.ranked(p.B)).toEqual(model.recommendations(p.B));
    expect((await fetch(url, { headers: { 'if-none-match': etag } })).status).toBe(200);
  });

  it('brings a recommissioned product back with its counts', async () => {
    await admin('recommission', p.B);
    model.recommission(p.B);
    await everyList();
    expect((await rec.ranked(p.A))[0]).toEqual({ productId: p.B, orders: 3 });
  });

  it('subtracts the pairs of a cancelled order', async () => {
    const withD = orders[2]; // A, B, D
    const res = await http('POST', `${system.url('order')}/orders/${withD}/cancel`, { body: {} });
    expect(res.status).toBe(200);
    model.cancel(withD);
    await everyList();
    expect(await rec.ranked(p.D)).toEqual([]);
    expect((await rec.ranked(p.A)).map((i) => i.orders)).toEqual([2, 2]);
  });

  it('counts a redelivered or re-sent order event once', async () => {
    const [first, , withD] = orders;
    await waitFor(() => orderEvents.ofType('order.cancelled').length >= 1, { what: 'the cancel' });
    const before = await rec.orderConsumer();
    // The very message again (same id, same body): the inbox skips it.
    await rec.publish(captured('order.placed', first));
    await waitFor(async () => (await rec.orderConsumer()).duplicate === before.duplicate + 1, {
      what: 'a duplicate',
    });
    // The same facts as new events (new ids): the order's contribution and version absorb them.
    const resent = [
      captured('order.placed', first),
      captured('order.placed', withD), // late: its order is cancelled already
      captured('order.cancelled', withD),
    ];
    for (const event of resent) await rec.publish({ ...event, id: randomUUID() });
    await waitFor(async () => (await rec.orderConsumer()).applied === before.applied + 3, {
      what: 'three re-sent events applied',
    });
    await everyList();
  });

  it('makes a placed order that arrives after its cancel a no-op', async () => {
    const orderId = randomUUID();
    const before = await rec.orderConsumer();
    const applied = (n: number) => async () => (await rec.orderConsumer()).applied === n;
    await rec.publish(orderEvent('order.cancelled', orderId, [p.A, p.E]));
    await waitFor(applied(before.applied + 1), { what: 'the cancel applied' });
    await rec.publish(orderEvent('order.placed', orderId, [p.A, p.E]));
    await waitFor(applied(before.applied + 2), { what: 'the late placed applied' });
    const db = await system.db('recommendations');
    const rows = await db.query(
      'SELECT status, version FROM order_contributions WHERE order_id = $1',
      [orderId],
    );
    expect(rows).toEqual([{ status: 'cancelled', version: 2 }]);
    await everyList();
    expect((await rec.ranked(p.E)).map((i) => i.productId)).not.toContain(p.A);
  });

  it('never shows a purged or a never-mirrored product', async () => {
    const unknown = randomUUID();
    const orderId = randomUUID();
    const before = await rec.orderConsumer();
    await rec.publish(orderEvent('order.placed', orderId, [p.A, unknown]));
    await waitFor(async () => (await rec.orderConsumer()).applied === before.applied + 1, {
      what: 'the order with an unknown product applied',
    });
    model.place(orderId, [p.A, unknown]);
    model.decommission(unknown); // never mirrored: never active here
    await admin('decommission', p.E, { reason: 'erasure request' });
    await admin('purge', p.E, { reason: 'erasure request' }, 204);
    model.decommission(p.E);
    await everyList();
    const db = await system.db('recommendations');
    // The lists were already right after the decommission; wait for the purge itself.
    await waitFor(
      async () =>
        (await db.query('SELECT status FROM product_mirror WHERE id = $1', [p.E]))[0]?.status ===
        'purged',
      { what: 'the purge in the mirror' },
    );
    expect((await rec.ranked(p.A)).map((i) => i.productId)).not.toContain(unknown);
    expect(await rec.ranked(unknown)).toEqual([{ productId: p.A, orders: 1 }]);
  });

  it('parks an order event that breaks the contract as a dead letter', async () => {
    const event = orderEvent('order.placed', randomUUID(), ['not-a-uuid']);
    await rec.publish(event);
    const parked = await waitFor(() => rec.deadLetter(event.id), { what: 'the poison parked' });
    expect(parked.reason).toContain('lines.0.productId');
    await everyList();
  });

  it('parks an order.placed with more lines than the order service takes (100)', async () => {
    const many = Array.from({ length: 101 }, () => randomUUID());
    const event = orderEvent('order.placed', randomUUID(), many);
    await rec.publish(event);
    const parked = await waitFor(() => rec.deadLetter(event.id), { what: 'the order parked' });
    // Nest reports the lines' own errors first: here line 101's number, over 100.
    expect(parked.reason).toMatch(/^invalid order snapshot: lines\b.* 100$/);
    await everyList();
  });
});
