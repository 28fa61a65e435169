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
} from '@app/mirror-sync';
import { ProductResponseDto } from './dto/product-response.dto';
import { Product } from './product.entity';

/** Products and tombstones as digests see them: a tombstone is an entry with status `purged`. */
export const PRODUCT_ENTRY_TABLES: DigestTable[] = [
  { table: 'products', hashColumn: 'entry_hash' },
  { table: 'product_tombstones', status: PURGED, hashColumn: 'entry_hash' },
];

interface EntryRow {
  id: string;
  version: number;
  status: string;
  sku: string | null;
  name: string | null;
  description: string | null;
  price_cents: number | null;
  currency: string | null;
  decommission_reason: string | null;
  created_at: Date | null;
  updated_at: Date | null;
}

/** Both tables as entries, in id order; `where` filters each, `limit` bounds each and the whole. */
function entriesSql(where: (id: string) => string, limit: string): string {
  return `SELECT * FROM (
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
    const { lo, hi } = prefixBounds(query.prefix ?? '');
    const where = (id: string) =>
      `${id} BETWEEN $1::uuid AND $2::uuid${query.after === undefined ? '' : ` AND ${id} > $4::uuid`}`;
    const rows: EntryRow[] = await this.dataSource.query(entriesSql(where, 'LIMIT $3::int'), [
      lo,
      hi,
      query.limit,
      ...(query.after === undefined ? [] : [query.after]),
    ]);
    const items = rows.map(toEntry);
    const last = items.at(-1);
    return { items, nextCursor: last && items.length === query.limit ? last.id : null };
  }

  /** The entries of these ids; an id the owner never had is absent. */
  async lookup(ids: string[]): Promise<SnapshotEntry<ProductResponseDto>[]> {
    if (ids.length === 0) return [];
    const rows: EntryRow[] = await this.dataSource.query(
      entriesSql((id) => `${id} = ANY($1::uuid[])`, ''),
      [ids],
    );
    return rows.map(toEntry);
  }

  async digests(prefixes: string[]): Promise<RangeDigest[]> {
    return rangeDigests(this.dataSource, PRODUCT_ENTRY_TABLES, prefixes);
  }
}

function toEntry(row: EntryRow): SnapshotEntry<ProductResponseDto> {
  if (row.status === PURGED) {
    return { id: row.id, version: row.version, status: PURGED, snapshot: null };
  }
  const product = Object.assign(new Product(), {
    id: row.id,
    sku: row.sku,
    name: row.name,
    description: row.description,
    priceCents: row.price_cents,
    currency: row.currency,
    status: row.status,
    decommissionReason: row.decommission_reason,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
  return {
    id: row.id,
    version: row.version,
    status: row.status,
    snapshot: ProductResponseDto.from(product),
  };
}
