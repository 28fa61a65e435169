import { http, rabbitmqctl, ServiceSystem, waitFor, type AppProcess } from '@app/testing';

const APPS = ['product', 'catalog', 'order', 'cart', 'tracking', 'recommendations'];

/**
 * The broker goes down (`rabbitmqctl stop_app`): within 5 s every app and a standalone relay
 * answer `/health/ready` with 503 and `/health/live` with 200 (an orchestrator stops routing to
 * them but does not restart them), and all are ready again once the broker is back.
 */
describe('broker stopped: alive but not ready', () => {
  let system: ServiceSystem;
  let relay: AppProcess;

  beforeAll(async () => {
    system = await ServiceSystem.start(APPS);
    relay = await system.startRelay('product');
  }, 180_000);

  afterAll(async () => {
    await system?.stop();
  });

  function targets(): [string, string][] {
    return [...APPS.map((app): [string, string] => [app, system.url(app)]), ['relay', relay.url]];
  }

  /** Each target's readiness and liveness status codes, e.g. `product: 503/200`. */
  async function probes(): Promise<string[]> {
    return Promise.all(
      targets().map(async ([name, url]) => {
        const [ready, live] = await Promise.all([
          http('GET', `${url}/health/ready`),
          http('GET', `${url}/health/live`),
        ]);
        return `${name}: ${ready.status}/${live.status}`;
      }),
    );
  }

  it('makes every app and relay not ready, still alive, within 5 s; ready again afterwards', async () => {
    // A relay is ready once its first batch has reached the database.
    await waitFor(async () => (await probes()).every((probe) => probe.endsWith(': 200/200')), {
      what: 'every app and the relay ready',
    });
    await rabbitmqctl('stop_app');
    try {
      // The 5 s are the promise under test: probes see an outage at their next period.
      await waitFor(async () => (await probes()).every((probe) => probe.endsWith(': 503/200')), {
        what: 'every app not ready and alive',
        timeoutMs: 5_000,
        intervalMs: 100,
      });
      const product = await http('GET', `${system.url('product')}/health/ready`);
      expect(product.body).toEqual({
        status: 'unavailable',
        database: 'up',
        broker: 'down',
        consumers: 'down',
      });
    } finally {
      await rabbitmqctl('start_app');
    }
    await waitFor(async () => (await probes()).every((probe) => probe.endsWith(': 200/200')), {
      what: 'every app ready again',
      timeoutMs: 60_000,
    });
  }, 180_000);
});
