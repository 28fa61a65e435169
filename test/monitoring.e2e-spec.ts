import { randomUUID } from 'node:crypto';
import {
  http,
  metricValue,
  productSnapshotEvent,
  ServiceSystem,
  waitFor,
  type AppProcess,
} from '@app/testing';
import {
  alertRules,
  dashboardQueries,
  exposedMetricNames,
  metricNamesIn,
} from './support/monitoring-rules';

/**
 * What Prometheus scrapes: the product API (relay off), its standalone relay on a port of its
 * own, and the catalog. Every metric the shipped alert rules and dashboard use is exposed by one
 * of them, and the new latency, depth and dead-letter series carry real values.
 */
describe('metrics for the alert rules and the dashboard', () => {
  let system: ServiceSystem;
  let relay: AppProcess;

  beforeAll(async () => {
    system = await ServiceSystem.start(['product', 'catalog'], {
      env: { product: { PRODUCT_RELAY_ENABLED: 'false' } },
    });
    relay = await system.startRelay('product');
  });

  afterAll(async () => {
    await system?.stop();
  });

  async function scrape(url: string): Promise<string> {
    const res = await fetch(`${url}/metrics`);
    expect(res.status).toBe(200);
    return res.text();
  }

  it('exposes every metric the alert rules and the dashboard use', async () => {
    const exposed = new Set(['up']);
    for (const url of [system.url('product'), system.url('catalog'), relay.url]) {
      for (const name of exposedMetricNames(await scrape(url))) exposed.add(name);
    }
    const queries = [
      ...alertRules().map((r) => ({ where: `alert ${r.alert}`, expr: r.expr })),
      ...dashboardQueries().map((q) => ({ where: `panel ${q.panel}`, expr: q.expr })),
    ];
    const missing = queries.flatMap(({ where, expr }) =>
      metricNamesIn(expr)
        .filter((name) => !exposed.has(name))
        .map((name) => `${where}: ${name}`),
    );
    expect(missing).toEqual([]);
  });

  it('serves liveness, readiness and relay metrics from the standalone relay', async () => {
    expect((await http('GET', `${relay.url}/health/live`)).body).toEqual({ status: 'ok' });
    const ready = await http('GET', `${relay.url}/health/ready`);
    expect([ready.status, ready.body]).toEqual([
      200,
      { status: 'ok', database: 'up', broker: 'up' },
    ]);
    const text = await scrape(relay.url);
    expect(text).toContain('safe_deletion_broker_connected 1');
    expect(text).toContain('# TYPE safe_deletion_outbox_pending gauge');
    expect(text).toContain('process_cpu_seconds_total');
  });

  it('times commit → publish in the relay and publish → apply in the consumer', async () => {
    const created = await http('POST', `${system.url('product')}/products`, {
      admin: true,
      body: { sku: 'METRICS-1', name: 'Timed', priceCents: 100, currency: 'EUR' },
    });
    expect(created.status).toBe(201);
    const catalog = system.url('catalog');
    await waitFor(
      async () =>
        (await metricValue(catalog, 'safe_deletion_consumer_publish_to_apply_seconds_count', {
          queue: 'catalog.product',
        })) >= 1,
      { what: 'publish → apply observed in the catalog' },
    );
    expect(
      await metricValue(relay.url, 'safe_deletion_outbox_commit_to_publish_seconds_count'),
    ).toBeGreaterThanOrEqual(1);
    expect(
      await metricValue(
        system.url('product'),
        'safe_deletion_http_request_duration_seconds_count',
        {
          route: '/products',
          method: 'POST',
          status: '201',
        },
      ),
    ).toBe(1);
  });

  it('reports each consumer queue’s depths from the broker and its parked dead letters', async () => {
    const catalog = system.url('catalog');
    // A message waiting out a long retry delay sits in the retry queue.
    const waiting = productSnapshotEvent(randomUUID(), 1, { name: 'later', priceCents: 1 });
    await system.amqp.publish('', 'catalog.product.retry.quorum', waiting, {
      messageId: waiting.id,
      type: waiting.type,
      expiration: '600000',
    });
    const poison = { id: randomUUID(), type: 'product.updated' };
    await system.amqp.publishEvent('product.events', poison, Buffer.from('{not json'));
    const depth = (kind: string) =>
      metricValue(catalog, 'safe_deletion_consumer_queue_messages', {
        queue: 'catalog.product',
        kind,
      });
    await waitFor(async () => (await depth('retry')) === 1, { what: 'a retry depth of 1' });
    await waitFor(
      async () =>
        (await metricValue(catalog, 'safe_deletion_consumer_dead_letters_parked', {
          queue: 'catalog.product',
        })) === 1,
      { what: 'one parked dead letter' },
    );
    expect(await depth('main')).toBe(0);
    expect(await depth('dead_letter')).toBe(0);
    expect(
      await metricValue(catalog, 'safe_deletion_consumer_consuming', { queue: 'catalog.product' }),
    ).toBe(1);
  });
});
