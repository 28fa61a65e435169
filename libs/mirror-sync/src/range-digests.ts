import { createHash } from 'node:crypto';
import { childPrefixes, prefixBounds } from './id-ranges';
import type { RangeDigest } from './mirror-sync.types';

/** Anything that runs SQL: a DataSource, an EntityManager, a QueryRunner. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** A table whose rows are entries: a uuid id, an integer version and a status. */
export interface DigestTable {
  table: string;
  /** Default `id`. */
  idColumn?: string;
  /** Default `version`. */
  versionColumn?: string;
  /** Column holding the status (default `status`), unless every row has `status`. */
  statusColumn?: string;
  /** The status of every row, for a table that has no status column (tombstones: `purged`). */
  status?: string;
  /**
   * A column that holds each row's `entryHashSql`, stored when the row is written (a generated
   * column): digests then read it from an index instead of hashing every entry on every run.
   */
  hashColumn?: string;
}

/** The digest of an empty range. */
export const EMPTY_HASH = '0000000000000000';

/**
 * Digests of the 16 children of each parent range, computed by PostgreSQL in one statement per
 * table, an index range scan per child (no row leaves the database). With several tables (live rows and
 * tombstones, say), counts add up and hashes XOR, as if they were one table.
 */
export async function rangeDigests(
  db: Queryable,
  tables: DigestTable[],
  parents: string[],
): Promise<RangeDigest[]> {
  const children = new Map<string, { count: number; hash: bigint }>();
  for (const parent of parents) {
    for (const child of childPrefixes(parent)) children.set(child, { count: 0, hash: 0n });
  }
  if (children.size === 0) return [];
  // Each child range is its own index range scan, grouped by the range it came from: no
  // per-row text work beyond the entry's hash.
  const prefixes = [...children.keys()];
  const bounds = prefixes.map(prefixBounds);
  for (const table of tables) {
    const rows = (await db.query(digestSql(table), [
      prefixes,
      bounds.map((b) => b.lo),
      bounds.map((b) => b.hi),
    ])) as { prefix: string; count: number; hash: string }[];
    for (const row of rows) {
      const sum = children.get(row.prefix);
      if (!sum) continue;
      sum.count += Number(row.count);
      sum.hash ^= BigInt.asUintN(64, BigInt(`0x${row.hash}`));
    }
  }
  return [...children.entries()].map(([prefix, { count, hash }]) => ({
    prefix,
    count,
    hash: hash.toString(16).padStart(16, '0'),
  }));
}

/**
 * The digest of one entry: the first 64 bits of md5(`${id}:${version}:${status}`); a range's is
 * the XOR of its entries'. Any implementation of a source or target must compute the same.
 */
export function entryHashSql(id: string, version: string, status: string): string {
  return `('x' || left(md5(${id}::text || ':' || ${version}::text || ':' || ${status}), 16))::bit(64)::bigint`;
}

/** `entryHashSql` in JavaScript: one entry's hash as 16 hex digits (XOR them for a range). */
export function entryHash(id: string, version: number, status: string): string {
  return createHash('md5').update(`${id}:${version}:${status}`).digest('hex').slice(0, 16);
}

function digestSql(t: DigestTable): string {
  const id = `t."${t.idColumn ?? 'id'}"`;
  const version = `t."${t.versionColumn ?? 'version'}"`;
  const status =
    t.status !== undefined ? quoteLiteral(t.status) : `t."${t.statusColumn ?? 'status'}"`;
  const hash = t.hashColumn ? `t."${t.hashColumn}"` : entryHashSql(id, version, status);
  return `SELECT r."prefix", count(*)::int AS "count",
                 lpad(to_hex(bit_xor(${hash})), 16, '0') AS "hash"
            FROM unnest($1::text[], $2::uuid[], $3::uuid[]) AS r("prefix", "lo", "hi")
            JOIN "${t.table}" t ON ${id} BETWEEN r."lo" AND r."hi"
           GROUP BY r."prefix"`;
}

function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
