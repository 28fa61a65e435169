import { randomUUID } from 'node:crypto';
import { signToken } from '@app/auth';
import { http, ServiceSystem, type DatabaseProbe } from '@app/testing';

interface AuditItem {
  id: string;
  at: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  details: Record<string, unknown>;
}

interface AuditPage {
  items: AuditItem[];
  nextCursor: string | null;
}

/**
 * The audit log read by admins (`GET /admin/audit`), through the product service: entries
 * written by real changes, newest first, filtered by actor, action, entity and time, paged with
 * a cursor; admin-only and never cached.
 */
describe('audit log (GET /admin/audit)', () => {
  let system: ServiceSystem;
  let base: string;
  let db: DatabaseProbe;
  const alice = { authorization: `Bearer ${signToken({ sub: 'alice', roles: ['admin'] })}` };
  let productId: string;

  beforeAll(async () => {
    system = await ServiceSystem.start(['product']);
    base = system.url('product');
    db = await system.db('product');
    const created = await http<{ id: string }>('POST', `${base}/products`, {
      admin: true,
      body: { sku: 'AUDIT-1', name: 'audited', priceCents: 100, currency: 'EUR' },
    });
    productId = created.body.id;
    await http('POST', `${base}/products`, {
      admin: true,
      body: { sku: 'AUDIT-2', name: 'audited too', priceCents: 100, currency: 'EUR' },
    });
    const decommission = await http('POST', `${base}/admin/products/${productId}/decommission`, {
      headers: alice,
      body: { reason: 'supplier gone' },
    });
    expect(decommission.status).toBe(200);
  });

  afterAll(async () => {
    await system?.stop();
  });

  async function audit(query = ''): Promise<AuditPage> {
    const res = await http<AuditPage>('GET', `${base}/admin/audit${query}`, { admin: true });
    expect(res.status).toBe(200);
    return res.body;
  }

  it('lists the entries real changes wrote, newest first, never cached', async () => {
    const res = await http<AuditPage>('GET', `${base}/admin/audit`, { admin: true });
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { items, nextCursor } = res.body;
    expect(nextCursor).toBeNull();
    expect(items.map((i) => i.action)).toEqual([
      'product.decommissioned',
      'product.created',
      'product.created',
    ]);
    expect(items[0]).toEqual({
      id: expect.stringMatching(/^[1-9]\d*$/),
      at: expect.any(String),
      actor: 'alice',
      action: 'product.decommissioned',
      entityType: 'product',
      entityId: productId,
      details: expect.objectContaining({ reason: 'supplier gone' }),
    });
    expect(new Date(items[0].at).toISOString()).toBe(items[0].at);
    const ids = items.map((i) => BigInt(i.id));
    expect([...ids].sort((x, y) => (x < y ? 1 : -1))).toEqual(ids);
  });

  it('filters by actor, action and entity; the filters combine', async () => {
    expect((await audit('?actor=alice')).items.map((i) => i.action)).toEqual([
      'product.decommissioned',
    ]);
    expect((await audit('?action=product.created')).items).toHaveLength(2);
    const history = await audit(`?entityType=product&entityId=${productId}`);
    expect(history.items.map((i) => i.action)).toEqual([
      'product.decommissioned',
      'product.created',
    ]);
    expect((await audit(`?entityId=${productId}&actor=test-admin`)).items).toHaveLength(1);
    expect((await audit(`?entityId=${randomUUID()}`)).items).toEqual([]);
  });

  it('narrows by time: from is inclusive, to exclusive', async () => {
    for (const day of ['2020-01-01', '2020-01-02', '2020-01-03']) {
      await db.query(
        `INSERT INTO audit_log (at, actor, action, entity_type, entity_id)
         VALUES ($1, 'fixture', 'fixture.written', 'fixture', $2)`,
        [`${day}T00:00:00Z`, day],
      );
    }
    const middle = await audit('?actor=fixture&from=2020-01-02T00:00:00Z&to=2020-01-03T00:00:00Z');
    expect(middle.items.map((i) => i.at)).toEqual(['2020-01-02T00:00:00.000Z']);
    const since = await audit('?actor=fixture&from=2020-01-02T00:00:00Z');
    expect(since.items).toHaveLength(2);
    const until = await audit('?to=2020-01-02T00:00:00Z');
    expect(until.items.map((i) => i.at)).toEqual(['2020-01-01T00:00:00.000Z']);
  });

  it('pages with before = nextCursor; the pages add up to the whole', async () => {
    const whole = await audit('?limit=500');
    const paged: AuditItem[] = [];
    let before: string | null = null;
    do {
      const page = await audit(before ? `?limit=2&before=${before}` : '?limit=2');
      expect(page.items.length).toBeLessThanOrEqual(2);
      paged.push(...page.items);
      before = page.nextCursor;
    } while (before);
    expect(paged).toEqual(whole.items);
    expect(paged).toHaveLength(6);
  });

  it('answers 400 to bad input, naming what is wrong', async () => {
    const bad = [
      'limit=0',
      'limit=501',
      'before=nonsense',
      'from=yesterday',
      'to=2020-13-01',
      'from=2020-01-02T00:00:00Z&to=2020-01-01T00:00:00Z',
      'entity=x',
      'actor=',
      // Nothing PostgreSQL would refuse reaches it: no NUL, no time it cannot read.
      'actor=a%00b',
      'from=2020',
      'to=2020-W01',
      'from=0000-01-01T00:00:00Z',
      `before=${Buffer.from('audit|0').toString('base64url')}`,
    ];
    for (const query of bad) {
      const res = await http('GET', `${base}/admin/audit?${query}`, { admin: true });
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
    }
    const reversed = await http(
      'GET',
      `${base}/admin/audit?from=2020-01-02T00:00:00Z&to=2020-01-01T00:00:00Z`,
      { admin: true },
    );
    expect(reversed.body.message).toBe('from must be before to');
  });

  it('is admin-only: 401 without a token, 403 without the admin role', async () => {
    expect((await http('GET', `${base}/admin/audit`)).status).toBe(401);
    const customer = { authorization: `Bearer ${signToken({ sub: 'c', roles: ['customer'] })}` };
    const refused = await http('GET', `${base}/admin/audit`, { headers: customer });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('cache-control')).toBe('no-store');
  });
});
