import type { EntityManager } from 'typeorm';

export interface VersionedUpsert {
  table: string;
  /** Primary-key column (the owner's id). */
  keyColumn?: string;
  versionColumn?: string;
  /** Column values to write, version included. */
  values: Record<string, unknown>;
}

/**
 * Writes a snapshot only if it is newer than what the mirror holds: an older or equal version
 * arriving late (reordering, redelivery) changes nothing. Returns whether it was applied.
 */
export async function upsertIfNewer(
  manager: EntityManager,
  input: VersionedUpsert,
): Promise<boolean> {
  const key = input.keyColumn ?? 'id';
  const version = input.versionColumn ?? 'version';
  const columns = Object.keys(input.values);
  const quoted = columns.map((c) => `"${c}"`).join(', ');
  const params = columns.map((_, i) => `$${i + 1}`).join(', ');
  const updates = columns
    .filter((c) => c !== key)
    .map((c) => `"${c}" = EXCLUDED."${c}"`)
    .join(', ');
  const rows: unknown[] = await manager.query(
    `INSERT INTO "${input.table}" (${quoted}) VALUES (${params})
     ON CONFLICT ("${key}") DO UPDATE SET ${updates}
     WHERE "${input.table}"."${version}" < EXCLUDED."${version}"
     RETURNING 1`,
    columns.map((c) => input.values[c]),
  );
  return rows.length > 0;
}
