import { randomUUID } from 'node:crypto';
import { http, ServiceSystem, waitFor, WaitAbortedError } from '@app/testing';
import { CartEvents, expectedCounts, type CartEvent, type Counts } from './cart-events';

/**
 * The tracking service fed by raw cart events from an outside AMQP client: counters are exact
 * for a mixed stream, redeliveries count once, a SIGKILLed consumer loses and doubles nothing,
 * poison is parked as a dead letter while the stream goes on.
 */
describe('tracking: cart counters from cart events', () => {
  let system: ServiceSystem;
  const carts = new CartEvents();

  beforeAll(async () => {
    system = await ServiceSystem.start(['tracking']);
  });

  afterAll(async () => {
    await system?.stop();
  });

  async function send(event: CartEvent): Promise<void> {
    await system.amqp.publish('cart.events', event.type, event, {
      messageId: event.id,
      type: event.type,
      contentType: 'application/cloudevents+json',
    });
  }

  async function counters(productId: string): Promise<any> {
    const res = await http('GET', `${system.url('tracking')}/tracking/products/${productId}`);
    if (res.status !== 200) throw new Error(`GET counters: ${res.status}`);
    return res.body;
  }

  async function actualCounts(productIds: string[]): Promise<Map<string, Counts>> {
    const actual = new Map<string, Counts>();
    for (const id of productIds) {
      const { added, removed } = await counters(id);
      actual.set(id, { added, removed });
    }
    return actual;
  }

  async function consumerCounts(): Promise<Record<string, number>> {
    const health = await http('GET', `${system.url('tracking')}/admin/health`, { admin: true });
    return health.body.consumers.find((s: { queue: string }) => s.queue === 'tracking.cart').counts;
  }

  /** How many deliveries the consumer has settled since it started. */
  async function settled(): Promise<number> {
    const c = await consumerCounts();
    return c.applied + c.duplicate + c['dead-lettered'];
  }

  async function inboxRows(events: CartEvent[]): Promise<number> {
    const db = await system.db('tracking');
    const [row] = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM inbox_messages WHERE message_id = ANY($1::text[])',
      [events.map((e) => e.id)],
    );
    return row.n;
  }

  /** Waits for the expected counts; counters only grow, so one past its target fails at once. */
  async function countsBecome(expected: Map<string, Counts>, timeoutMs = 15_000): Promise<void> {
    await waitFor(
      async () => {
        const actual = await actualCounts([...expected.keys()]);
        for (const [id, want] of expected) {
          const got = actual.get(id) as Counts;
          if (got.added > want.added || got.removed > want.removed) {
            throw new WaitAbortedError(`counted twice: ${id} ${JSON.stringify({ got, want })}`);
          }
        }
        return JSON.stringify([...actual]) === JSON.stringify([...expected]);
      },
      { what: 'counters to equal what was sent', timeoutMs },
    );
  }

  it('answers 0/0 for an unknown product and 400 for an id that is not a UUID', async () => {
    const id = randomUUID();
    expect(await counters(id)).toEqual({ productId: id, added: 0, removed: 0 });
    const bad = await http('GET', `${system.url('tracking')}/tracking/products/not-a-uuid`);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    const doc = await http('GET', `${system.url('tracking')}/docs/openapi.json`);
    expect(Object.keys(doc.body.paths)).toContain('/tracking/products/{productId}');
  });

  it('counts a mixed stream exactly; updates change no counter', async () => {
    const products = [randomUUID(), randomUUID(), randomUUID()];
    const events = carts.mixedStream(90, products, 7);
    const before = await settled();
    for (const e of events) await send(e);
    await waitFor(async () => (await settled()) === before + events.length, {
      what: 'every event settled',
    });
    expect(await actualCounts(products)).toEqual(expectedCounts(events, products));
    expect(await inboxRows(events)).toBe(events.length);
  });

  it('counts an event delivered three times once', async () => {
    const products = [randomUUID(), randomUUID()];
    const events = carts.mixedStream(30, products, 11);
    const before = await settled();
    for (const e of events) await send(e);
    for (const e of [...events].reverse()) await send(e);
    for (const e of events) await send(e);
    await waitFor(async () => (await settled()) === before + 3 * events.length, {
      what: 'all 90 deliveries settled',
    });
    expect(await actualCounts(products)).toEqual(expectedCounts(events, products));
    expect(await inboxRows(events)).toBe(events.length);
  });

  it('loses and doubles nothing when the consumer is SIGKILLed mid-stream', async () => {
    const products = Array.from({ length: 10 }, () => randomUUID());
    const events = carts.mixedStream(500, products, 23);
    let sent = 0;
    let killed!: () => void;
    const kill = new Promise<void>((resolve) => (killed = resolve));
    // The last 200 events wait for the kill, so the stream is still flowing when it comes.
    const publishing = (async () => {
      for (const [i, e] of events.entries()) {
        if (i === 300) await kill;
        await send(e);
        sent++;
      }
    })();
    publishing.catch(() => undefined);

    await waitFor(async () => (await inboxRows(events)) >= 100, { what: '100 events applied' });
    await system.app('tracking').kill();
    killed();
    const sentAtKill = sent;
    try {
      // Events keep flowing into the durable queue while nobody consumes it.
      await waitFor(() => sent >= sentAtKill + 50, { what: 'events sent while tracking is down' });
    } finally {
      await system.startApp('tracking');
    }
    await publishing;

    await countsBecome(expectedCounts(events, products), 40_000);
    expect(await inboxRows(events)).toBe(events.length);
    await waitFor(async () => (await system.amqp.messageCount('tracking.cart')) === 0, {
      what: 'an empty queue',
    });
    expect(await actualCounts(products)).toEqual(expectedCounts(events, products));
  });

  it('parks a malformed event as a dead letter and keeps counting', async () => {
    const productId = randomUUID();
    const customer = `dave-${randomUUID().slice(0, 8)}`;
    const badId = carts.event('cart.item-added', customer, 'not-a-uuid');
    const negative = carts.event('cart.item-removed', customer, productId, { quantity: -1 });
    const good = carts.event('cart.item-added', customer, productId);
    for (const e of [badId, negative, good]) await send(e);

    await countsBecome(new Map([[productId, { added: 1, removed: 0 }]]));
    const parked = await waitFor(
      async () => {
        const res = await http(
          'GET',
          `${system.url('tracking')}/admin/dead-letters?destination=tracking.cart`,
          { admin: true },
        );
        const items: any[] = res.body.items ?? [];
        const mine = items.filter((d) => [badId.id, negative.id].includes(d.messageId));
        return mine.length === 2 && mine;
      },
      { what: 'both malformed events parked' },
    );
    const reasons = Object.fromEntries(parked.map((d: any) => [d.messageId, d.reason]));
    expect(reasons[badId.id]).toContain('productId');
    expect(reasons[negative.id]).toContain('quantity');
    expect(parked[0]).toMatchObject({ destination: 'tracking.cart', status: 'parked' });
  });

  it('serves an ETag that changes with the counters and answers 304 while it holds', async () => {
    const productId = randomUUID();
    const url = `${system.url('tracking')}/tracking/products/${productId}`;
    const first = await http('GET', url);
    const etag = first.headers.get('etag') as string;
    expect(etag).toMatch(/^"[\w-]{22}"$/);
    expect(first.headers.get('cache-control')).toBe('public, max-age=5');

    const cached = await fetch(url, { headers: { 'if-none-match': etag } });
    expect(cached.status).toBe(304);
    expect(cached.headers.get('etag')).toBe(etag);

    await send(carts.event('cart.item-added', `erin-${randomUUID().slice(0, 8)}`, productId));
    await countsBecome(new Map([[productId, { added: 1, removed: 0 }]]));
    const changed = await fetch(url, { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  // Deterministic companions of the SIGKILL test: the process dies at the two worst moments.
  it.each(['consumer.before-commit', 'consumer.after-commit'])(
    'counts an event once when the consumer dies at %s',
    async (point) => {
      await system.app('tracking').kill();
      const crashing = await system.startApp('tracking', { FAILPOINTS: point });
      const productId = randomUUID();
      await send(carts.event('cart.item-added', `frank-${randomUUID().slice(0, 8)}`, productId));
      await waitFor(() => !crashing.running, { what: 'the consumer to die at the failpoint' });
      const db = await system.db('tracking');
      const committed = await db.query(
        'SELECT added FROM product_cart_counters WHERE product_id = $1',
        [productId],
      );
      // before-commit: nothing is durable; after-commit: the count and its inbox row are.
      expect(committed).toEqual(point === 'consumer.after-commit' ? [{ added: '1' }] : []);

      await system.startApp('tracking');
      const outcome = point === 'consumer.after-commit' ? 'duplicate' : 'applied';
      await waitFor(async () => (await consumerCounts())[outcome] === 1, {
        what: `the redelivery ${outcome}`,
      });
      expect(await counters(productId)).toEqual({ productId, added: 1, removed: 0 });
    },
  );
});
