import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { PURGED, type EntryState } from '@app/mirror-sync';
import type { ProductStatus } from '@app/event-contracts';
import { inChildSpan } from '@app/telemetry';
import { assertEntry, type ProductEntry } from './product-entries';
import { removeRow, resetRow, upsertEntries } from './product-mirror-rows';
import { PRODUCT_MIRROR_TABLE } from './product-mirror.schema';
import { PurgeCompletion } from './purge-completion';

/** A product as this service last heard of it; never authoritative. */
export interface MirroredProduct {
  id: string;
  sku: string;
  name: string;
  description: string | null;
  priceCents: number;
  currency: string;
  status: ProductStatus | 'purged';
  version: number;
}

interface MirrorRow {
  id: string;
  sku: string;
  name: string;
  description: string | null;
  price_cents: number;
  currency: string;
  status: ProductStatus | 'purged';
  version: number;
}

/**
 * Reads and maintains the local product mirror. Every write goes through `apply` (events, seeding
 * and reconciliation alike): version-checked, idempotent, and a tombstone written is completed in
 * the same transaction (the service's own copies erased, parked dead letters emptied, a receipt).
 */
@Injectable()
export class ProductMirror {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly purges: PurgeCompletion,
  ) {}

  /**
   * Upserts each entry whose version is newer than the mirror's, in one statement; a tombstone
   * (status `purged`, no snapshot) blanks the data columns. Returns the ids written.
   */
  async apply(manager: EntityManager, entries: ProductEntry[]): Promise<string[]> {
    if (entries.length === 0) return [];
    requireTransaction(manager);
    entries.forEach(assertEntry);
    // In a request's or a message's trace, the mirror write is a step of its own.
    return inChildSpan(
      'product_mirror apply',
      { 'product_mirror.entries': entries.length },
      () => this.write(manager, newestPerId(entries)),
      (written) => ({ 'product_mirror.written': written.length }),
    );
  }

  private async write(
    manager: EntityManager,
    newest: Map<string, ProductEntry>,
  ): Promise<string[]> {
    const written = await upsertEntries(manager, [...newest.values()]);
    await this.purges.complete(
      manager,
      written
        .filter((row) => row.status === PURGED)
        .map(({ id, version }) => ({
          id,
          version,
          receipt: newest.get(id.toLowerCase())?.receiptAwaited !== false,
        })),
    );
    return written.map((row) => row.id);
  }

  /**
   * Overwrites one row with `entry` if it is still at `expected` (id, version and status); a
   * reset into a tombstone is completed like one that `apply` writes.
   */
  async reset(manager: EntityManager, entry: ProductEntry, expected: EntryState): Promise<boolean> {
    requireTransaction(manager);
    assertEntry(entry);
    if (entry.id.toLowerCase() !== expected.id.toLowerCase()) {
      throw new Error(`cannot reset ${expected.id} with the entry of ${entry.id}`);
    }
    if (!(await resetRow(manager, entry, expected))) return false;
    if (entry.status === PURGED) {
      await this.purges.complete(manager, [
        { id: expected.id, version: entry.version, receipt: entry.receiptAwaited !== false },
      ]);
    }
    return true;
  }

  /** Deletes one row if it is still at `expected`; for a row its owner never had. */
  remove(manager: EntityManager, expected: EntryState): Promise<boolean> {
    return removeRow(manager, expected);
  }

  async findMany(
    ids: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, MirroredProduct>> {
    if (ids.length === 0) return new Map();
    const rows: MirrorRow[] = await manager.query(
      `SELECT "id", "sku", "name", "description", "price_cents", "currency", "status", "version"
         FROM "${PRODUCT_MIRROR_TABLE}" WHERE "id" = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, toMirrored(r)]));
  }

  async findOne(id: string, manager?: EntityManager): Promise<MirroredProduct | undefined> {
    return (await this.findMany([id], manager)).get(id);
  }
}

// A tombstone's receipt must commit with it, never without it.
function requireTransaction(manager: EntityManager): void {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('the product mirror is written only in an active transaction');
  }
}

// One statement cannot upsert a row twice: of several entries for an id, the newest counts
// (keyed by the lower-cased id).
function newestPerId(entries: ProductEntry[]): Map<string, ProductEntry> {
  const newest = new Map<string, ProductEntry>();
  for (const entry of entries) {
    const key = entry.id.toLowerCase();
    const seen = newest.get(key);
    if (!seen || seen.version < entry.version) newest.set(key, entry);
  }
  return newest;
}

function toMirrored(r: MirrorRow): MirroredProduct {
  return {
    id: r.id,
    sku: r.sku,
    name: r.name,
    description: r.description,
    priceCents: r.price_cents,
    currency: r.currency,
    status: r.status,
    version: r.version,
  };
}
