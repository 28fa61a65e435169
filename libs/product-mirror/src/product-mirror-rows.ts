import type { EntityManager } from 'typeorm';
import { PURGED, prefixBounds, type EntryState, type Queryable } from '@app/mirror-sync';
import type { ProductEntry } from './product-entries';
import { PRODUCT_MIRROR_TABLE as T } from './product-mirror.schema';

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
] as const;
// The widest type of each value, so a column widened later (a bigint price) needs no change here.
const TYPES = ['uuid', 'text', 'text', 'text', 'bigint', 'text', 'text', 'bigint', 'timestamptz'];
const LIST = COLUMNS.map((c) => `"${c}"`).join(', ');

/** The row an entry writes; a tombstone keeps only id, status and version. */
function rowOf(e: ProductEntry): unknown[] {
  const s = e.snapshot;
  return [
    e.id,
    s?.sku ?? null,
    s?.name ?? null,
    s?.description ?? null,
    s?.priceCents ?? null,
    s?.currency ?? null,
    e.status,
    e.version,
    s?.updatedAt ?? null,
  ];
}

/**
 * Upserts entries in one statement, each only over an older version (an equal or older one
 * changes nothing); returns the rows written, with their new status and version.
 */
export async function upsertEntries(
  manager: EntityManager,
  entries: ProductEntry[],
): Promise<EntryState[]> {
  if (entries.length === 0) return [];
  const rows = entries.map(rowOf);
  const arrays = COLUMNS.map((_, i) => rows.map((r) => r[i]));
  const unnest = TYPES.map((type, i) => `$${i + 1}::${type}[]`).join(', ');
  const updates = [...COLUMNS.slice(1), 'mirrored_at']
    .map((c) => `"${c}" = EXCLUDED."${c}"`)
    .join(', ');
  return manager.query(
    `INSERT INTO "${T}" AS m (${LIST}, "mirrored_at")
     SELECT ${COLUMNS.map((c) => `e."${c}"`).join(', ')}, now()
       FROM unnest(${unnest}) AS e(${LIST})
     ON CONFLICT ("id") DO UPDATE SET ${updates}
     WHERE m."version" < EXCLUDED."version"
     RETURNING m."id", m."version", m."status"`,
    arrays,
  );
}

/** Overwrites a row with `entry` only while it is still at `expected` (compare-and-set). */
export async function resetRow(
  manager: EntityManager,
  entry: ProductEntry,
  expected: EntryState,
): Promise<boolean> {
  const sets = COLUMNS.slice(1).map((c, i) => `"${c}" = $${i + 2}`);
  const params = rowOf(entry);
  const [rows]: [unknown[], number] = await manager.query(
    `UPDATE "${T}" SET ${sets.join(', ')}, "mirrored_at" = now()
      WHERE "id" = $1 AND "version" = $${params.length + 1} AND "status" = $${params.length + 2}
      RETURNING 1`,
    [...params, expected.version, expected.status],
  );
  return rows.length > 0;
}

/** Deletes a row only while it is still at `expected` (compare-and-set). */
export async function removeRow(manager: EntityManager, expected: EntryState): Promise<boolean> {
  const [rows]: [unknown[], number] = await manager.query(
    `DELETE FROM "${T}" WHERE "id" = $1 AND "version" = $2 AND "status" = $3 RETURNING 1`,
    [expected.id, expected.version, expected.status],
  );
  return rows.length > 0;
}

/** Id, version and status of every row of one id range, in id order (index-only). */
export async function entryStates(db: Queryable, prefix: string): Promise<EntryState[]> {
  const { lo, hi } = prefixBounds(prefix);
  return (await db.query(
    `SELECT "id", "version", "status" FROM "${T}"
      WHERE "id" BETWEEN $1 AND $2 ORDER BY "id"`,
    [lo, hi],
  )) as EntryState[];
}

/** Whether the mirror holds a tombstone for `id`; false for anything that is not a uuid. */
export async function isTombstone(db: Queryable, id: string): Promise<boolean> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return false;
  const rows = (await db.query(`SELECT 1 FROM "${T}" WHERE "id" = $1 AND "status" = $2`, [
    id,
    PURGED,
  ])) as unknown[];
  return rows.length > 0;
}
