import { closeVhostConnections, http, ServiceSystem, type AppProcess } from '@app/testing';
import { everyEventAppliedOnce, mirrorConverges } from '../support/convergence';

/** A small seeded PRNG (mulberry32), so a failing soak can be replayed with SOAK_SEED. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PRODUCTS = 60;
const CLIENTS = 4;
const OPERATIONS_PER_CLIENT = 750;

/**
 * Thousands of random product operations from concurrent clients while faults are injected at
 * random: broker connections force-closed, database sessions terminated, relays and a consumer
 * killed with SIGKILL and restarted. At the end every mirror equals the owner, version by
 * version, and every event was applied exactly once.
 */
describe('soak: random operations under random faults', () => {
  let system: ServiceSystem;
  const relays: AppProcess[] = [];
  const seed = Number(process.env.SOAK_SEED ?? Date.now() % 1_000_000);
  const rand = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];

  beforeAll(async () => {
    system = await ServiceSystem.start(['product', 'catalog', 'order'], {
      env: {
        product: { PRODUCT_RELAY_ENABLED: 'false' },
        catalog: { CATALOG_CONSUMER_RETRY_BASE_DELAY_MS: '100' },
        order: { ORDER_CONSUMER_RETRY_BASE_DELAY_MS: '100' },
      },
    });
    relays.push(await system.startRelay('product'), await system.startRelay('product'));
  });

  afterAll(async () => {
    await system?.stop();
  });

  const faults: Record<string, () => Promise<void>> = {
    'close broker connections': () => closeVhostConnections(system.environment.vhost),
    'terminate relay sessions': async () => {
      await (
        await system.db('product')
      ).query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = current_database() AND application_name LIKE 'outbox-relay%'`,
      );
    },
    'terminate consumer sessions': async () => {
      const app = pick(['catalog', 'order']);
      await (
        await system.db(app)
      ).query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = $1`,
        [app],
      );
    },
    'kill a relay': async () => {
      const index = Math.floor(rand() * relays.length);
      await relays[index].kill();
      relays[index] = await system.startRelay('product');
    },
    'kill the catalog consumer': async () => {
      await system.app('catalog').kill();
      await system.startApp('catalog');
    },
  };

  it(`converges (seed ${seed})`, async () => {
    const base = system.url('product');
    const ids: string[] = [];
    for (let i = 0; i < PRODUCTS; i++) {
      const res = await http('POST', `${base}/products`, {
        admin: true,
        body: { sku: `SOAK-${i}`, name: 'v1', priceCents: 100, currency: 'EUR' },
      });
      ids.push(res.body.id);
    }

    let running = true;
    const injected: string[] = [];
    const injector = (async () => {
      while (running) {
        const name = pick(Object.keys(faults));
        await faults[name]();
        injected.push(name);
        await new Promise((r) => setTimeout(r, 200 + rand() * 400));
      }
    })();
    const statuses = new Map<number, number>();
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        for (let i = 0; i < OPERATIONS_PER_CLIENT; i++) {
          const id = pick(ids);
          const op = rand();
          const res =
            op < 0.6
              ? await http('PATCH', `${base}/products/${id}`, {
                  admin: true,
                  body: { name: `c${client}-${i}`, priceCents: Math.floor(rand() * 10_000) },
                })
              : op < 0.8
                ? await http('POST', `${base}/admin/products/${id}/decommission`, {
                    admin: true,
                    body: { reason: `soak ${i}` },
                  })
                : await http('POST', `${base}/admin/products/${id}/recommission`, {
                    admin: true,
                    body: {},
                  });
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        }
      }),
    );
    running = false;
    await injector;

    // Editing a decommissioned product is a 409 by design; anything else must succeed.
    expect([...statuses.keys()].sort()).toEqual(expect.arrayContaining([200]));
    expect([...statuses.keys()].filter((s) => s !== 200 && s !== 409)).toEqual([]);
    expect(new Set(injected).size).toBeGreaterThanOrEqual(3);

    await mirrorConverges(system, 'catalog', 120_000);
    await mirrorConverges(system, 'order', 120_000);
    await everyEventAppliedOnce(system, 'catalog');
    await everyEventAppliedOnce(system, 'order');
  }, 300_000);
});
