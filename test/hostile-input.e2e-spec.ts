import fc from 'fast-check';
import { http, ServiceSystem, waitFor } from '@app/testing';
import { documentedRoutes, hostileRequest, send, type Route } from './support/hostile-http';
import { documentedSubscriptions, hostileMessage } from './support/hostile-messages';

const APPS = ['product', 'catalog', 'order', 'cart', 'tracking', 'recommendations'];
const MIRRORS = ['catalog', 'order', 'cart', 'recommendations'];
const HTTP_INPUTS = 1_300;
const MESSAGE_INPUTS = 800;
/** A valid product is created after every this many hostile messages. */
const VALID_EVERY = 40;
// A fixed seed per run is printed, so that a failure can be replayed with FUZZ_SEED.
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

/**
 * Bad input at volume, generated: hostile HTTP requests to every documented route of every app,
 * and hostile messages to every consumer queue. Nothing answers 500, no process exits, every bad
 * message is parked with a reason, and valid events sent between them still reach every mirror.
 */
describe('hostile input, generated', () => {
  let system: ServiceSystem;

  beforeAll(async () => {
    system = await ServiceSystem.start(APPS);
  }, 240_000);

  afterAll(async () => {
    await system?.stop();
  });

  afterEach(() => {
    for (const app of APPS)
      expect({ app, running: system.app(app).running }).toEqual({ app, running: true });
  });

  it('never answers 500 to a generated request on any route', async () => {
    const routes: Route[] = [];
    for (const app of APPS) routes.push(...(await documentedRoutes(app, system.url(app))));
    expect(routes.length).toBeGreaterThan(40);
    const statuses = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(hostileRequest(routes), async (req) => {
        const status = await send(req);
        statuses.set(String(status), (statuses.get(String(status)) ?? 0) + 1);
        if (typeof status !== 'number' || status >= 500) {
          throw new Error(`${req.method} ${req.url.slice(0, 300)} answered ${status}`);
        }
      }),
      { numRuns: HTTP_INPUTS, seed: SEED },
    );
    console.log(
      `hostile HTTP (seed ${SEED}): ${HTTP_INPUTS} requests over ${routes.length} routes; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
    );
  }, 600_000);

  it('parks every generated bad message with a reason, and valid events still arrive', async () => {
    const subscriptions = documentedSubscriptions();
    const queues = [...new Set(subscriptions.map((s) => s.queue))];
    const parked = async (): Promise<Map<string, number>> => {
      const counts = new Map<string, number>();
      for (const app of new Set(subscriptions.map((s) => s.app))) {
        const rows = await (
          await system.db(app)
        ).query<{ queue: string; n: number }>(
          `SELECT queue, count(*)::int AS n FROM dead_letters GROUP BY queue`,
        );
        for (const r of rows) counts.set(r.queue, r.n);
      }
      return counts;
    };
    const before = await parked();
    const expected = new Map(queues.map((q) => [q, before.get(q) ?? 0]));
    const messages = fc.sample(hostileMessage(subscriptions), {
      numRuns: MESSAGE_INPUTS,
      seed: SEED,
    });
    const valid: string[] = [];
    for (const [i, m] of messages.entries()) {
      await system.amqp.publish(m.exchange, m.routingKey, m.body, {
        messageId: m.messageId,
        type: m.type,
        contentType: m.contentType,
      });
      for (const s of subscriptions) {
        if (s.exchange === m.exchange && s.routingKey === m.routingKey) {
          expected.set(s.queue, (expected.get(s.queue) ?? 0) + 1);
        }
      }
      if (i % VALID_EVERY === 0) {
        const res = await http<{ id: string }>('POST', `${system.url('product')}/products`, {
          admin: true,
          body: { sku: `FUZZ-${i}`, name: `Valid ${i}`, priceCents: 100 + i, currency: 'EUR' },
        });
        expect(res.status).toBe(201);
        valid.push(res.body.id);
      }
    }
    const sizes = messages.map((m) => m.body.length);
    console.log(
      `hostile messages (seed ${SEED}): ${messages.length} over ${queues.length} queues, ` +
        `${Math.min(...sizes)}–${Math.max(...sizes)} bytes, between ${valid.length} valid products`,
    );

    const short = async () => {
      const now = await parked();
      return queues
        .filter((q) => (now.get(q) ?? 0) < (expected.get(q) ?? 0))
        .map((q) => `${q}: ${now.get(q) ?? 0} of ${expected.get(q)}`);
    };
    try {
      await waitFor(async () => (await short()).length === 0, {
        what: 'every bad message to be parked',
        timeoutMs: 180_000,
        intervalMs: 500,
      });
    } catch (err) {
      const errors = [...new Set(subscriptions.map((s) => s.app))].flatMap((app) =>
        system
          .app(app)
          .logs()
          .split('\n')
          .filter((line) => /"level":"(error|warn)"/.test(line))
          .slice(-5)
          .map((line) => `${app}: ${line.slice(0, 300)}`),
      );
      throw new Error(`${String(err)}\nshort: ${(await short()).join('; ')}\n${errors.join('\n')}`);
    }
    expect(Object.fromEntries(await parked())).toEqual(
      Object.fromEntries([...expected].filter(([q, n]) => n > 0 || before.has(q))),
    );
    for (const app of new Set(subscriptions.map((s) => s.app))) {
      const unexplained = await (
        await system.db(app)
      ).query(`SELECT id FROM dead_letters WHERE coalesce(trim(reason), '') = ''`);
      expect({ app, unexplained }).toEqual({ app, unexplained: [] });
    }
    for (const app of MIRRORS) {
      const db = await system.db(app);
      await waitFor(
        async () =>
          (await db.query(`SELECT 1 FROM product_mirror WHERE id = ANY($1::uuid[])`, [valid]))
            .length === valid.length,
        { what: `${app} to mirror every valid product`, timeoutMs: 60_000 },
      );
    }
  }, 600_000);
});
