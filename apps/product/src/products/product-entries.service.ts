import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  PURGED,
  prefixBounds,
  rangeDigests,
  type DigestTable,
  type MirrorSource,
  type RangeDigest,
  type SnapshotEntry,
  type SnapshotPage,
  type SnapshotPageQuery,
  receiptAwaitedSql,
} from '@app/mirror-sync';
import { PRODUCT_AGGREGATE } from '../purges/purges.constants';
import { ProductResponseDto } from './dto/product-response.dto';

/** Products and tombstones as digests see them: a tombstone is an entry with status `purged`. */
export const PRODUCT_ENTRY_TABLES: DigestTable[] = [
  { table: 'products', hashColumn: 'entry_hash' },
  { table: 'product_tombstones', status: PURGED, hashColumn: 'entry_hash' },
];

/** An entry rendered by PostgreSQL as the JSON of a `SnapshotEntry<ProductResponseDto>`. */
interface EntryRow {
  id: string;
  entry: string;
}

// ISO 8601 in UTC with milliseconds, as `Date.prototype.toISOString` writes (both truncate µs).
const iso = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The entry's JSON, built where the rows are (ADR 0017): a page is a thousand of them, and
 * building them in Node (rows parsed, dates converted, objects stringified) cost the owner more
 * CPU than the mirror spends writing them. The keys and values are `ProductResponseDto.from`'s;
 * the snapshot spec compares the two for every product. Served to a mirror (`mirror`, a
 * parameter), a tombstone also says whether the purge ledger still waits for its receipt.
 */
function entryJson(mirror?: string): string {
  const awaited = mirror
    ? `, ${receiptAwaitedSql({ aggregateType: `'${PRODUCT_AGGREGATE}'`, aggregateId: 'e."id"', mirror })} AS "receiptAwaited"`
    : '';
  return `(CASE WHEN e."status" = '${PURGED}' THEN (
      SELECT row_to_json(x) FROM (SELECT e."id", e."version", e."status", NULL AS "snapshot"${awaited}) x
    ) ELSE (
      SELECT row_to_json(x) FROM (SELECT e."id", e."version", e."status", (
        SELECT row_to_json(s) FROM (SELECT e."id", e."sku", e."name", e."description",
               e."price_cents" AS "priceCents", e."currency", e."status", e."version",
               e."decommission_reason" AS "decommissionReason",
               ${iso('e."created_at"')} AS "createdAt", ${iso('e."updated_at"')} AS "updatedAt") s
      ) AS "snapshot") x
    ) END)::text`;
}

/** Both tables as entries, in id order; `where` filters each, `limit` bounds each and the whole. */
function entriesSql(where: (id: string) => string, limit: string, mirror?: string): string {
  return `SELECT e."id", ${entryJson(mirror)} AS "entry" FROM (
      (SELECT p."id", p."version", p."status", p."sku", p."name", p."description",
              p."price_cents", p."currency", p."decommission_reason", p."created_at",
              p."updated_at"
         FROM "products" p WHERE ${where('p."id"')}
        ORDER BY p."id" ${limit})
      UNION ALL
      (SELECT t."id", t."version", '${PURGED}', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
         FROM "product_tombstones" t WHERE ${where('t."id"')}
        ORDER BY t."id" ${limit})
    ) e ORDER BY e."id" ${limit}`;
}

/**
 * What a mirror reads of the owner to seed and reconcile itself (ADR 0017): every product and
 * tombstone as a snapshot entry, in pages or by id, and digests of id ranges.
 */
@Injectable()
export class ProductEntries implements MirrorSource<ProductResponseDto> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One keyset page: the merge of two ordered, limited scans, one per table. */
  async page(query: SnapshotPageQuery): Promise<SnapshotPage<ProductResponseDto>> {
    return JSON.parse(await this.pageJson(query)) as SnapshotPage<ProductResponseDto>;
  }

  /**
   * The page as the JSON the snapshot route sends, rendered by the database; for `mirror`, its
   * tombstones say whether its receipt is still awaited.
   */
  async pageJson(query: SnapshotPageQuery, mirror?: string): Promise<string> {
    const { lo, hi } = prefixBounds(query.prefix ?? '');
    const where = (id: string) =>
      `${id} BETWEEN $1::uuid AND $2::uuid${query.after === undefined ? '' : ` AND ${id} > $4::uuid`}`;
    const params: unknown[] = [lo, hi, query.limit];
    if (query.after !== undefined) params.push(query.after);
    const reader = mirror === undefined ? undefined : `$${params.push(mirror)}`;
    const rows: EntryRow[] = await this.dataSource.query(
      entriesSql(where, 'LIMIT $3::int', reader),
      params,
    );
    const last = rows.at(-1);
    return pageJson(rows, last && rows.length === query.limit ? last.id : null);
  }

  /** The entries of these ids; an id the owner never had is absent. */
  async lookup(ids: string[]): Promise<SnapshotEntry<ProductResponseDto>[]> {
    return (JSON.parse(await this.lookupJson(ids)) as SnapshotPage<ProductResponseDto>).items;
  }

  /** The lookup as the JSON the snapshot route sends (a page without a cursor). */
  async lookupJson(ids: string[], mirror?: string): Promise<string> {
    if (ids.length === 0) return pageJson([], null);
    const rows: EntryRow[] = await this.dataSource.query(
      entriesSql((id) => `${id} = ANY($1::uuid[])`, '', mirror === undefined ? undefined : '$2'),
      mirror === undefined ? [ids] : [ids, mirror],
    );
    return pageJson(rows, null);
  }

  async digests(prefixes: string[]): Promise<RangeDigest[]> {
    return rangeDigests(this.dataSource, PRODUCT_ENTRY_TABLES, prefixes);
  }
}

function pageJson(rows: EntryRow[], nextCursor: string | null): string {
  return `{"items":[${rows.map((r) => r.entry).join(',')}],"nextCursor":${JSON.stringify(nextCursor)}}`;
}
