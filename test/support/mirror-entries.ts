import { randomUUID } from 'node:crypto';
import { http, waitFor, type DatabaseProbe, type ServiceSystem } from '@app/testing';

/** What mirrors are compared on: every row's id, version and status, tombstones included. */
export interface Entry {
  id: string;
  version: number;
  status: string;
}

/** The owner's products and tombstones, in id order. */
export async function ownerEntries(system: ServiceSystem): Promise<Entry[]> {
  const db = await system.db('product');
  return db.query<Entry>(
    `SELECT id, version, status FROM products
     UNION ALL SELECT id, version, 'purged' FROM product_tombstones
     ORDER BY id`,
  );
}

/** A consumer's product mirror, tombstones included, in id order. */
export async function mirrorEntries(system: ServiceSystem, app: string): Promise<Entry[]> {
  const db = await system.db(app);
  return db.query<Entry>('SELECT id, version, status FROM product_mirror ORDER BY id');
}

/** Waits until a mirror holds exactly the owner's entries: same ids, versions and statuses. */
export async function mirrorMatchesOwner(
  system: ServiceSystem,
  app: string,
  timeoutMs = 60_000,
): Promise<void> {
  let last = '';
  await waitFor(
    async () => {
      const [owner, mirror] = await Promise.all([ownerEntries(system), mirrorEntries(system, app)]);
      last = describeDifference(owner, mirror);
      return last === '';
    },
    { what: `${app}'s mirror to match the owner`, timeoutMs },
  ).catch((err: Error) => {
    throw new Error(`${err.message}; last difference: ${last}`);
  });
}

function describeDifference(owner: Entry[], mirror: Entry[]): string {
  const mirrored = new Map(mirror.map((e) => [e.id, e]));
  const differences: string[] = [];
  for (const o of owner) {
    const m = mirrored.get(o.id);
    mirrored.delete(o.id);
    if (!m) differences.push(`${o.id} missing`);
    else if (m.version !== o.version || m.status !== o.status) {
      differences.push(`${o.id} ${m.status}@${m.version}, owner ${o.status}@${o.version}`);
    }
  }
  for (const id of mirrored.keys()) differences.push(`${id} not at the owner`);
  return differences.length === 0
    ? ''
    : `${differences.length} entries differ, e.g. ${differences.slice(0, 3).join('; ')}`;
}

/** Creates products through the owner's API, a few at a time; answers their ids. */
export async function createProducts(
  system: ServiceSystem,
  count: number,
  prefix: string,
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 10) {
    const batch = Array.from({ length: Math.min(10, count - i) }, (_, j) => i + j);
    const created = await Promise.all(
      batch.map(async (n) => {
        const res = await http('POST', `${system.url('product')}/products`, {
          admin: true,
          body: {
            sku: `${prefix}-${n}`,
            name: `${prefix} ${n}`,
            priceCents: 100 + n,
            currency: 'EUR',
          },
        });
        if (res.status !== 201) throw new Error(`create answered ${res.status}`);
        return (res.body as { id: string }).id;
      }),
    );
    ids.push(...created);
  }
  return ids;
}

export async function lifecycle(
  system: ServiceSystem,
  id: string,
  action: 'decommission' | 'recommission' | 'purge',
): Promise<void> {
  const res = await http('POST', `${system.url('product')}/admin/products/${id}/${action}`, {
    admin: true,
    body: { reason: 'test' },
  });
  if (res.status >= 300) throw new Error(`${action} of ${id} answered ${res.status}`);
}

/**
 * Inserts active products straight into the owner's table (no events): a large catalogue that
 * existed before any mirror, made in a second rather than through thousands of requests.
 */
export async function insertProductsDirectly(db: DatabaseProbe, count: number): Promise<void> {
  const ids = Array.from({ length: count }, () => randomUUID());
  await db.query(
    `INSERT INTO products (id, sku, name, description, price_cents, currency, status, version,
                           created_at, updated_at, updated_by)
     SELECT id, 'BULK-' || id, 'bulk product', NULL, 100, 'EUR', 'active', 1, now(), now(), 'test'
       FROM unnest($1::uuid[]) AS id`,
    [ids],
  );
}
