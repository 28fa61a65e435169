import type { ClientBase } from 'pg';
import { serviceToken } from '@app/auth';
import { productMirrorTableDdl } from '@app/product-mirror';
import { nowMs } from './clock';
import { median, round } from './stats';
import type { MirrorRow } from './mirror-data';

const COLUMNS = [
  'id',
  'sku',
  'name',
  'description',
  'price_cents',
  'currency',
  'status',
  'version',
  'owner_updated_at',
];
const TYPES = ['uuid', 'text', 'text', 'text', 'bigint', 'text', 'text', 'bigint', 'timestamptz'];
const LIST = COLUMNS.map((c) => `"${c}"`).join(', ');

/**
 * The statement the mirror's seed writes a page with (libs/product-mirror, `upsertEntries`): one
 * multi-row upsert from `unnest` of one array per column, over an older version only.
 */
const UPSERT = `INSERT INTO "product_mirror" AS m (${LIST}, "mirrored_at")
  SELECT ${COLUMNS.map((c) => `e."${c}"`).join(', ')}, now()
    FROM unnest(${TYPES.map((t, i) => `$${i + 1}::${t}[]`).join(', ')}) AS e(${LIST})
  ON CONFLICT ("id") DO UPDATE SET ${[...COLUMNS.slice(1), 'mirrored_at']
    .map((c) => `"${c}" = EXCLUDED."${c}"`)
    .join(', ')}
  WHERE m."version" < EXCLUDED."version"
  RETURNING m."id", m."version", m."status"`;

/** Creates an empty `product_mirror` (the shipped DDL, index included) in a bench database. */
export async function createLocalMirror(client: ClientBase): Promise<void> {
  for (const ddl of productMirrorTableDdl()) await client.query(ddl);
}

/**
 * The seed's floor: the same rows, already in memory, upserted into an empty mirror table in
 * batches of `batch`, one statement and one commit per batch, as the seed commits one per page.
 */
export async function localInsert(
  client: ClientBase,
  rows: MirrorRow[],
  batch: number,
): Promise<{ ms: number; rowsPerSecond: number }> {
  await client.query('TRUNCATE "product_mirror"');
  await client.query('VACUUM ANALYZE "product_mirror"');
  const started = nowMs();
  for (let i = 0; i < rows.length; i += batch) {
    const slice = rows.slice(i, i + batch);
    await client.query(
      UPSERT,
      COLUMNS.map((_, c) => slice.map((r) => r[c])),
    );
  }
  const ms = nowMs() - started;
  return { ms, rowsPerSecond: (rows.length * 1000) / ms };
}

export interface SnapshotPass {
  ms: number;
  /** Response body bytes read from the owner (the same count as the mirror's source keeps). */
  bytes: number;
  requests: number;
  /** Median time of one page: request, owner's query and JSON, transfer, parse. */
  pageMs: number;
}

export interface NaiveRun extends SnapshotPass {
  compared: number;
  differences: number;
}

interface Entry {
  id: string;
  version: number;
  status: string;
}

/** Reads every snapshot page of the owner in id order, as a seed does, handing each to `onPage`. */
export async function readSnapshot(
  ownerUrl: string,
  pageSize: number,
  onPage: (items: Entry[]) => void = () => undefined,
): Promise<SnapshotPass> {
  const started = nowMs();
  let bytes = 0;
  let requests = 0;
  let after: string | null = null;
  const pages: number[] = [];
  do {
    const pageStarted = nowMs();
    const query = new URLSearchParams({ limit: String(pageSize) });
    if (after) query.set('after', after);
    const res = await fetch(`${ownerUrl}/admin/products/snapshot?${query.toString()}`, {
      headers: { authorization: `Bearer ${serviceToken('bench', ['mirror'])}` },
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`snapshot page answered ${res.status}: ${text}`);
    requests++;
    bytes += Buffer.byteLength(text);
    const page = JSON.parse(text) as { items: Entry[]; nextCursor: string | null };
    pages.push(nowMs() - pageStarted);
    onPage(page.items);
    after = page.nextCursor;
  } while (after);
  return { ms: nowMs() - started, bytes, requests, pageMs: round(median(pages)) };
}

/**
 * The comparison a mirror without digests would make: every snapshot page of the owner, each
 * entry checked against the mirror's rows (id, version, status, read in one query).
 */
export async function naiveComparison(
  ownerUrl: string,
  mirror: ClientBase,
  pageSize: number,
): Promise<NaiveRun> {
  const started = nowMs();
  const { rows } = await mirror.query<Entry>(
    `SELECT "id", "version", "status" FROM "product_mirror"`,
  );
  const local = new Map(rows.map((r) => [r.id, r]));
  let compared = 0;
  let differences = 0;
  const pass = await readSnapshot(ownerUrl, pageSize, (items) => {
    for (const entry of items) {
      const ours = local.get(entry.id);
      local.delete(entry.id);
      compared++;
      if (!ours || ours.version !== entry.version || ours.status !== entry.status) differences++;
    }
  });
  differences += local.size;
  return { ...pass, ms: nowMs() - started, compared, differences };
}
