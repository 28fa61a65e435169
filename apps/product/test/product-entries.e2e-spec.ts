import { serviceToken, signToken } from '@app/auth';
import { entryHash, rangeDigests, type Queryable, type RangeDigest } from '@app/mirror-sync';
import { http, ServiceSystem, type DatabaseProbe } from '@app/testing';
import { PRODUCT_ENTRY_TABLES } from '../src/products/product-entries.service';

interface Entry {
  id: string;
  version: number;
  status: string;
  snapshot: Record<string, unknown> | null;
}

interface Page {
  items: Entry[];
  nextCursor: string | null;
}

const HEX = '0123456789abcdef';
const hex = (id: string) => id.replace(/-/g, '');

/** Every entry as the owner's tables state it, in id order (what a mirror must converge to). */
async function ownerEntries(db: DatabaseProbe): Promise<Omit<Entry, 'snapshot'>[]> {
  return db.query(
    `SELECT id::text AS id, version, status FROM products
     UNION ALL SELECT id::text, version, 'purged' FROM product_tombstones
     ORDER BY id`,
  );
}

/** The digests of the 16 children of each parent, computed here from the rows with entryHash. */
function digestsOf(entries: Omit<Entry, 'snapshot'>[], parents: string[]): RangeDigest[] {
  return parents.flatMap((parent) =>
    [...HEX].map((digit) => {
      const prefix = parent + digit;
      const inRange = entries.filter((e) => hex(e.id).startsWith(prefix));
      const hash = inRange.reduce(
        (acc, e) => acc ^ BigInt(`0x${entryHash(e.id, e.version, e.status)}`),
        0n,
      );
      return { prefix, count: inRange.length, hash: hash.toString(16).padStart(16, '0') };
    }),
  );
}

/** Snapshot pages and range digests: what mirrors read to seed and reconcile themselves. */
describe('product entries for mirrors', () => {
  let system: ServiceSystem;
  let base: string;
  let db: DatabaseProbe;
  const mirror = () => ({ authorization: `Bearer ${serviceToken('catalog', ['mirror'])}` });

  beforeAll(async () => {
    system = await ServiceSystem.start(['product']);
    base = system.url('product');
    db = await system.db('product');
    for (let i = 0; i < 14; i++) {
      const res = await http('POST', `${base}/products`, {
        admin: true,
        body: {
          sku: `E-${i}`,
          name: `Entry ${i}`,
          priceCents: 100 + i,
          currency: 'EUR',
          // Some with none; some with what JSON escapes (the database renders the entries).
          ...(i % 4 === 1 ? {} : { description: `"quoted" \\ back\nslash\t€ 🚲 ${i}` }),
        },
      });
      const id = (res.body as { id: string }).id;
      if (i % 2 === 0) continue;
      await http('POST', `${base}/admin/products/${id}/decommission`, {
        admin: true,
        body: { reason: 'r' },
      });
      if (i % 3 !== 0) continue;
      await http('POST', `${base}/admin/products/${id}/purge`, {
        admin: true,
        body: { reason: 'erasure' },
      });
    }
  });

  afterAll(async () => {
    await system?.stop();
  });

  async function snapshot(query: string): Promise<Page> {
    const res = await http<Page>('GET', `${base}/admin/products/snapshot?${query}`, {
      headers: mirror(),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    return res.body;
  }

  async function pageAll(query: string, limit: number): Promise<Entry[]> {
    const items: Entry[] = [];
    let after: string | null = null;
    do {
      const page: Page = await snapshot(`${query}&limit=${limit}${after ? `&after=${after}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(limit);
      expect(page.nextCursor).toBe(
        page.items.length === limit ? (page.items.at(-1)?.id ?? null) : null,
      );
      items.push(...page.items);
      after = page.nextCursor;
    } while (after);
    return items;
  }

  it('pages every product and tombstone exactly once, in id order, with the data of its last event', async () => {
    const expected = await ownerEntries(db);
    expect(expected.filter((e) => e.status === 'purged')).toHaveLength(2);
    const items = await pageAll('', 4);
    expect(items.map(({ id, version, status }) => ({ id, version, status }))).toEqual(expected);
    const lastEvents = await db.query<{ id: string; data: unknown }>(
      `SELECT DISTINCT ON (o.aggregate_id) o.aggregate_id AS id, o.payload->'data' AS data
         FROM outbox_messages o ORDER BY o.aggregate_id, o.id DESC`,
    );
    const eventData = new Map(lastEvents.map((e) => [e.id, e.data]));
    for (const item of items) {
      if (item.status === 'purged') {
        expect(item.snapshot).toBeNull();
      } else {
        expect(item.snapshot).toEqual(eventData.get(item.id));
        expect(item.snapshot).toEqual((await http('GET', `${base}/products/${item.id}`)).body);
      }
    }
  });

  it('pages one id range given as a hex prefix', async () => {
    const all = await ownerEntries(db);
    for (const prefix of [hex(all[0].id).slice(0, 1), hex(all[5].id).slice(0, 2), '']) {
      const items = await pageAll(`prefix=${prefix.toUpperCase()}`, 2);
      expect(items.map((e) => e.id)).toEqual(
        all.filter((e) => hex(e.id).startsWith(prefix)).map((e) => e.id),
      );
    }
    expect(await snapshot(`prefix=${hex(all[0].id).slice(0, 31)}`)).toEqual({
      items: [expect.objectContaining({ id: all[0].id })],
      nextCursor: null,
    });
  });

  it('looks entries up by id, tombstones included, leaving out ids it never had', async () => {
    const all = await ownerEntries(db);
    const tombstone = all.find((e) => e.status === 'purged');
    const live = all.find((e) => e.status !== 'purged');
    const never = '00000000-0000-4000-8000-000000000000';
    const page = await snapshot(`ids=${live?.id},${never},${tombstone?.id}`);
    expect(page.nextCursor).toBeNull();
    expect(page.items.map(({ id, version, status }) => ({ id, version, status }))).toEqual(
      [live, tombstone].sort((a, b) => ((a?.id ?? '') < (b?.id ?? '') ? -1 : 1)),
    );
    // As many ids as a lookup takes (200) still fit in the URL.
    const many = [...all.map((e) => e.id), ...Array.from({ length: 200 }, () => never)];
    const full = await snapshot(`ids=${many.slice(0, 200).join(',')}`);
    expect(full.items.map((e) => e.id)).toEqual(all.map((e) => e.id));
  });

  it('rejects bad queries with 400 naming the offending field', async () => {
    const id = '00000000-0000-4000-8000-000000000001';
    const tooMany = (n: number, of: (i: number) => string) =>
      Array.from({ length: n }, (_, i) => of(i)).join(',');
    const cases: [string, string[]][] = [
      [`snapshot?ids=${id}&after=${id}`, ['ids']],
      [`snapshot?ids=${id}&prefix=a`, ['ids']],
      [`snapshot?ids=${id}&limit=5`, ['ids']],
      [`snapshot?ids=nope`, ['ids']],
      [
        `snapshot?ids=${tooMany(201, (i) => id.slice(0, -4) + String(i).padStart(4, '0'))}`,
        ['ids'],
      ],
      ['snapshot?limit=0', ['limit']],
      ['snapshot?limit=1001', ['limit']],
      ['snapshot?after=nope', ['after']],
      ['snapshot?prefix=xyz', ['prefix']],
      [`snapshot?prefix=${'a'.repeat(32)}`, ['prefix']],
      ['snapshot?colour=red', ['colour']],
      ['digests?prefixes=3,g', ['prefixes']],
      [`digests?prefixes=${'f'.repeat(32)}`, ['prefixes']],
      [`digests?prefixes=${tooMany(257, (i) => i.toString(16).padStart(3, '0'))}`, ['prefixes']],
    ];
    for (const [query, fields] of cases) {
      const res = await http('GET', `${base}/admin/products/${query}`, { headers: mirror() });
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect((res.body as { fields: { field: string }[] }).fields.map((f) => f.field)).toEqual(
        fields,
      );
    }
  });

  it('answers the digests of the 16 children of each prefix, as computed from the rows', async () => {
    const entries = await ownerEntries(db);
    const digests = async (query: string) => {
      const res = await http<{ ranges: RangeDigest[] }>(
        'GET',
        `${base}/admin/products/digests${query}`,
        { headers: mirror() },
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      return res.body.ranges;
    };
    const root = await digests('');
    expect(root).toEqual(digestsOf(entries, ['']));
    expect(root.reduce((n, r) => n + r.count, 0)).toBe(entries.length);
    expect(await digests('?prefixes=')).toEqual(root);
    const deeper = [hex(entries[0].id).slice(0, 1), hex(entries[1].id).slice(0, 3), 'a7'];
    expect(await digests(`?prefixes=${deeper.join(',')}`)).toEqual(digestsOf(entries, deeper));
  });

  it('lets admins and mirror services read, and nobody else', async () => {
    for (const path of ['snapshot', 'digests']) {
      const url = `${base}/admin/products/${path}`;
      expect((await http('GET', url)).status).toBe(401);
      const as = async (token: string) =>
        (await http('GET', url, { headers: { authorization: `Bearer ${token}` } })).status;
      expect(await as(signToken({ sub: 'c', roles: ['customer'] }))).toBe(403);
      expect(await as(signToken({ sub: 'n', roles: [] }))).toBe(403);
      expect(await as(signToken({ sub: 'x', roles: ['mirror'] }, 'wrong-secret'))).toBe(401);
      expect(await as(serviceToken('order', ['mirror']))).toBe(200);
      expect((await http('GET', url, { admin: true })).status).toBe(200);
    }
    const write = await http('POST', `${base}/products`, { headers: mirror(), body: {} });
    expect(write.status).toBe(403);
  });

  it('digests thousands of entries with index-only scans, no row read from the heap', async () => {
    await db.query(
      `INSERT INTO products
       SELECT gen_random_uuid(), 'BULK-' || g, 'bulk', NULL, g, 'EUR',
              CASE WHEN g % 3 = 0 THEN 'decommissioned' ELSE 'active' END, NULL, 1 + g % 5,
              now(), now(), 'test'
         FROM generate_series(1, 4000) g`,
    );
    await db.query(
      `INSERT INTO product_tombstones SELECT gen_random_uuid(), 2 + g % 4, now()
         FROM generate_series(1, 800) g`,
    );
    await db.query('VACUUM ANALYZE products');
    await db.query('VACUUM ANALYZE product_tombstones');
    const plans: unknown[] = [];
    const explaining: Queryable = {
      query: async (sql, parameters) => {
        const [row] = await db.query<{ 'QUERY PLAN': unknown[] }>(
          `EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`,
          parameters,
        );
        plans.push(row['QUERY PLAN'][0]);
        return [];
      },
    };
    await rangeDigests(explaining, PRODUCT_ENTRY_TABLES, ['']);
    await rangeDigests(explaining, PRODUCT_ENTRY_TABLES, ['3', 'a', 'f']);
    await rangeDigests(explaining, PRODUCT_ENTRY_TABLES, ['3a', '3b']);
    expect(plans).toHaveLength(6);
    const scans = plans.map((plan) => scansOf((plan as { Plan: PlanNode }).Plan));
    const expectedIndex = ['ix_products_entries', 'product_tombstones_pkey'];
    scans.forEach((nodes, i) => {
      expect(nodes).toEqual([
        { type: 'Index Only Scan', index: expectedIndex[i % 2], heapFetches: 0 },
      ]);
    });
    const entries = await ownerEntries(db);
    const res = await http('GET', `${base}/admin/products/digests?prefixes=,3`, {
      headers: mirror(),
    });
    expect(res.body).toEqual({ ranges: digestsOf(entries, ['', '3']) });
  });
});

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  'Heap Fetches'?: number;
  Plans?: PlanNode[];
}

/** Every node of a plan that reads a table. */
function scansOf(node: PlanNode): { type: string; index?: string; heapFetches?: number }[] {
  const own = node['Relation Name']
    ? [{ type: node['Node Type'], index: node['Index Name'], heapFetches: node['Heap Fetches'] }]
    : [];
  return [...own, ...(node.Plans ?? []).flatMap(scansOf)];
}
