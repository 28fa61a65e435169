import { http, ServiceSystem } from '@app/testing';

/** A purged product leaves a tombstone: 410 Gone to reads and changes, never 304, never data. */
describe('product tombstones', () => {
  let system: ServiceSystem;
  let base: string;

  beforeAll(async () => {
    system = await ServiceSystem.start(['product']);
    base = system.url('product');
  });

  afterAll(async () => {
    await system?.stop();
  });

  async function create(sku: string): Promise<string> {
    const res = await http('POST', `${base}/products`, {
      admin: true,
      body: { sku, name: `Name ${sku}`, description: 'secret', priceCents: 100, currency: 'EUR' },
    });
    expect(res.status).toBe(201);
    return (res.body as { id: string }).id;
  }

  async function purged(sku: string): Promise<{ id: string; etag: string }> {
    const id = await create(sku);
    await http('POST', `${base}/admin/products/${id}/decommission`, {
      admin: true,
      body: { reason: 'recall' },
    });
    const etag = (await fetch(`${base}/products/${id}`)).headers.get('etag') ?? '';
    const purge = await http('POST', `${base}/admin/products/${id}/purge`, {
      admin: true,
      body: { reason: 'erasure request' },
    });
    expect(purge.status).toBe(204);
    return { id, etag };
  }

  const gone = (id: string) => ({
    statusCode: 410,
    error: 'Gone',
    message: `product ${id} was purged`,
  });

  it('answers GET of a purged product with 410 Gone, also to If-None-Match, never 304', async () => {
    const { id, etag } = await purged('T-1');
    const res = await http('GET', `${base}/products/${id}`);
    expect(res.status).toBe(410);
    expect(res.body).toEqual(gone(id));
    for (const ifNoneMatch of [etag, '*']) {
      const conditional = await fetch(`${base}/products/${id}`, {
        headers: { 'if-none-match': ifNoneMatch },
      });
      expect(conditional.status).toBe(410);
      expect(await conditional.json()).toEqual(gone(id));
    }
    const unknown = '00000000-0000-4000-8000-00000000abcd';
    expect((await http('GET', `${base}/products/${unknown}`)).status).toBe(404);
  });

  it('leaves purged ids out of GET /products?ids=', async () => {
    const { id } = await purged('T-2');
    const kept = await create('T-2-kept');
    const res = await http('GET', `${base}/products?ids=${id},${kept}`);
    expect(res.status).toBe(200);
    expect((res.body as { items: { id: string }[] }).items.map((p) => p.id)).toEqual([kept]);
  });

  it('refuses a second purge, decommission, recommission and PATCH with 410, writing nothing', async () => {
    const { id } = await purged('T-3');
    const db = await system.db('product');
    const before = await db.query('SELECT id FROM outbox_messages WHERE aggregate_id = $1', [id]);
    const calls: [string, string, object][] = [
      ['POST', `/admin/products/${id}/purge`, { reason: 'again' }],
      ['POST', `/admin/products/${id}/decommission`, { reason: 'again' }],
      ['POST', `/admin/products/${id}/recommission`, {}],
      ['PATCH', `/products/${id}`, { name: 'back from the dead' }],
    ];
    for (const [method, path, body] of calls) {
      const res = await http(method, `${base}${path}`, { admin: true, body });
      expect({ path, status: res.status, body: res.body }).toEqual({
        path,
        status: 410,
        body: gone(id),
      });
    }
    const after = await db.query('SELECT id FROM outbox_messages WHERE aggregate_id = $1', [id]);
    expect(after).toEqual(before);
    const audit = await db.query<{ action: string }>(
      'SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id',
      [id],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'product.created',
      'product.decommissioned',
      'product.purged',
    ]);
  });

  it('keeps only the id, the purge version and its time in the tombstone', async () => {
    const started = Date.now();
    const { id } = await purged('T-4');
    const db = await system.db('product');
    const rows = await db.query<{ id: string; version: number; purged_at: Date }>(
      'SELECT * FROM product_tombstones WHERE id = $1',
      [id],
    );
    expect(rows).toHaveLength(1);
    // entry_hash is derived from the id and the version alone (the digest of `id:3:purged`).
    expect(Object.keys(rows[0]).sort()).toEqual(['entry_hash', 'id', 'purged_at', 'version']);
    expect(rows[0].version).toBe(3);
    expect(rows[0].purged_at.getTime()).toBeGreaterThanOrEqual(started - 1000);
    expect(await db.query('SELECT 1 FROM products WHERE id = $1', [id])).toEqual([]);
  });
});
