import { http, ServiceSystem, waitFor, type Tap } from '@app/testing';

/** The product API on its own: lifecycle, caching headers, preconditions, audit (auth: http-security). */
describe('product service', () => {
  let system: ServiceSystem;
  let events: Tap;
  let base: string;

  beforeAll(async () => {
    system = await ServiceSystem.start(['product']);
    events = await system.amqp.tap('product.events');
    base = system.url('product');
  });

  afterAll(async () => {
    await system?.stop();
  });

  async function create(sku: string): Promise<{ id: string; version: number }> {
    const res = await http('POST', `${base}/products`, {
      admin: true,
      body: { sku, name: `Name ${sku}`, description: 'd', priceCents: 100, currency: 'eur' },
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  function eventsFor(id: string): string[] {
    return events
      .bodies<{ subject: string; type: string }>()
      .filter((e) => e.subject === id)
      .map((e) => e.type);
  }

  it('creates an active product at version 1 and emits product.created with the snapshot', async () => {
    const product = await create('P-1');
    expect(product).toMatchObject({ status: 'active', version: 1, currency: 'EUR' });
    await waitFor(() => eventsFor(product.id).length === 1, { what: 'product.created' });
    const event = events
      .bodies<{ subject: string; data: unknown; aggregateversion: number }>()
      .find((e) => e.subject === product.id);
    expect(event?.data).toEqual(product);
    expect(event?.aggregateversion).toBe(1);
  });

  it('serves ETag and Cache-Control, and 304 with fresh headers on If-None-Match', async () => {
    const product = await create('P-2');
    const first = await fetch(`${base}/products/${product.id}`);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(first.headers.get('cache-control')).toMatch(/^public, max-age=\d+, stale-if-error=\d+$/);
    const again = await fetch(`${base}/products/${product.id}`, {
      headers: { 'if-none-match': etag ?? '' },
    });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('cache-control')).toBe(first.headers.get('cache-control'));
    expect(await again.text()).toBe('');

    await http('PATCH', `${base}/products/${product.id}`, {
      admin: true,
      body: { name: 'changed' },
    });
    const changed = await fetch(`${base}/products/${product.id}`, {
      headers: { 'if-none-match': etag ?? '' },
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  it('builds a batch ETag from the ids and versions returned', async () => {
    const a = await create('P-3a');
    const b = await create('P-3b');
    const url = `${base}/products?ids=${a.id},${b.id}&status=active`;
    const first = await fetch(url);
    const body = (await first.json()) as { items: { id: string }[] };
    expect(body.items.map((p) => p.id).sort()).toEqual([a.id, b.id].sort());
    const etag = first.headers.get('etag') ?? '';
    expect((await fetch(url, { headers: { 'if-none-match': etag } })).status).toBe(304);
    await http('POST', `${base}/admin/products/${b.id}/decommission`, {
      admin: true,
      body: { reason: 'x' },
    });
    const after = await fetch(url);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(((await after.json()) as { items: unknown[] }).items).toHaveLength(1);
  });

  it('answers 412 to a stale If-Match and applies a current one', async () => {
    const product = await create('P-4');
    const etag = (await fetch(`${base}/products/${product.id}`)).headers.get('etag') ?? '';
    const ok = await http('PATCH', `${base}/products/${product.id}`, {
      admin: true,
      headers: { 'if-match': etag },
      body: { priceCents: 200 },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBe(2);
    const stale = await http('PATCH', `${base}/products/${product.id}`, {
      admin: true,
      headers: { 'if-match': etag },
      body: { priceCents: 300 },
    });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ statusCode: 412, error: 'Precondition Failed' });
  });

  it('makes decommission idempotent: a repeat changes nothing and emits nothing', async () => {
    const product = await create('P-5');
    const first = await http('POST', `${base}/admin/products/${product.id}/decommission`, {
      admin: true,
      body: { reason: 'recall' },
    });
    const second = await http('POST', `${base}/admin/products/${product.id}/decommission`, {
      admin: true,
      body: { reason: 'recall again' },
    });
    expect(first.body).toMatchObject({
      status: 'decommissioned',
      version: 2,
      decommissionReason: 'recall',
    });
    expect(second.body).toEqual(first.body);
    await waitFor(() => eventsFor(product.id).length === 2, { what: 'two events' });
    // A third event would have been published by now: the relay drains within milliseconds.
    const later = await create('P-5-marker');
    await waitFor(() => eventsFor(later.id).length === 1, { what: 'the marker event' });
    expect(eventsFor(product.id)).toEqual(['product.created', 'product.decommissioned']);

    const edit = await http('PATCH', `${base}/products/${product.id}`, {
      admin: true,
      body: { name: 'x' },
    });
    expect(edit.status).toBe(409);
  });

  it('rolls the event back with a failed change: no event, no version bump', async () => {
    const taken = await create('P-6a');
    const other = await create('P-6b');
    const clash = await http('PATCH', `${base}/products/${other.id}`, {
      admin: true,
      body: { sku: 'P-6a' },
    });
    expect(clash.status).toBe(409);
    const db = await system.db('product');
    const rows = await db.query('SELECT event_type FROM outbox_messages WHERE aggregate_id = $1', [
      other.id,
    ]);
    expect(rows.map((r) => r.event_type)).toEqual(['product.created']);
    expect((await http('GET', `${base}/products/${other.id}`)).body.version).toBe(1);
    expect(taken.version).toBe(1);
  });

  it('lets a decommissioned product release its SKU, and refuses recommission while it is taken', async () => {
    const old = await create('P-7');
    await http('POST', `${base}/admin/products/${old.id}/decommission`, {
      admin: true,
      body: { reason: 'r' },
    });
    await create('P-7');
    const back = await http('POST', `${base}/admin/products/${old.id}/recommission`, {
      admin: true,
      body: {},
    });
    expect(back.status).toBe(409);
  });

  it('purges only a decommissioned product, leaves a tombstone, audits it and emits product.purged', async () => {
    const product = await create('P-8');
    const early = await http('POST', `${base}/admin/products/${product.id}/purge`, {
      admin: true,
      body: { reason: 'GDPR #1' },
    });
    expect(early.status).toBe(409);
    await http('POST', `${base}/admin/products/${product.id}/decommission`, {
      admin: true,
      body: { reason: 'r' },
    });
    const db = await system.db('product');
    await waitFor(
      async () =>
        (
          await db.query(
            'SELECT 1 FROM outbox_messages WHERE aggregate_id = $1 AND published_at IS NULL',
            [product.id],
          )
        ).length === 0,
      { what: 'both events to be published' },
    );
    const purge = await http('POST', `${base}/admin/products/${product.id}/purge`, {
      admin: true,
      body: { reason: 'GDPR #1' },
    });
    expect(purge.status).toBe(204);
    expect((await http('GET', `${base}/products/${product.id}`)).body).toEqual({
      statusCode: 410,
      error: 'Gone',
      message: `product ${product.id} was purged`,
    });
    await waitFor(() => eventsFor(product.id).includes('product.purged'), {
      what: 'product.purged',
    });
    const purged = events
      .bodies<{ subject: string; type: string; data: unknown; aggregateversion: number }>()
      .find((e) => e.subject === product.id && e.type === 'product.purged');
    expect(purged).toMatchObject({ data: { id: product.id }, aggregateversion: 3 });
    const audit = await db.query(
      'SELECT actor, action, details FROM audit_log WHERE entity_id = $1 ORDER BY id',
      [product.id],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'product.created',
      'product.decommissioned',
      'product.purged',
    ]);
    expect(audit[2]).toMatchObject({ actor: 'test-admin', details: { reason: 'GDPR #1' } });
    const kept = await db.query<{ event_type: string; data: unknown }>(
      `SELECT event_type, payload->'data' AS data FROM outbox_messages WHERE aggregate_id = $1 ORDER BY id`,
      [product.id],
    );
    expect(kept.map((k) => k.event_type)).toEqual([
      'product.created',
      'product.decommissioned',
      'product.purged',
    ]);
    for (const k of kept) expect(k.data).toEqual({ id: product.id });
  });

  it('rejects bad input with 400 naming every offending field, unknown ones included', async () => {
    const res = await http('POST', `${base}/products`, {
      admin: true,
      body: { sku: 'has space', name: '', priceCents: -5, currency: 'EURO', colour: 'red' },
    });
    expect(res.status).toBe(400);
    expect(res.body.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'colour',
      'currency',
      'name',
      'priceCents',
      'sku',
    ]);
    expect((await http('GET', `${base}/products/not-a-uuid`)).status).toBe(400);
    expect(
      (await http('GET', `${base}/products/00000000-0000-4000-8000-000000000000`)).body,
    ).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'product 00000000-0000-4000-8000-000000000000 not found',
    });
  });

  it('reports health with broker and relay backlog, and Prometheus metrics', async () => {
    const health = await http('GET', `${base}/admin/health`, { admin: true });
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: 'ok',
      database: { up: true },
      broker: { up: true },
    });
    expect(health.body.relay).toMatchObject({ running: true });
    const metrics = await fetch(`${base}/metrics`);
    const text = await metrics.text();
    expect(text).toContain('safe_deletion_outbox_published_total');
    expect(text).toContain('safe_deletion_broker_connected 1');
    const openapi = await http('GET', `${base}/docs/openapi.json`);
    expect(Object.keys(openapi.body.paths)).toContain('/admin/products/{id}/decommission');
  });

  it('shuts down gracefully on SIGTERM: relay stopped, connections closed, exit code 0', async () => {
    const app = system.app('product');
    const started = Date.now();
    expect(await app.stop()).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
