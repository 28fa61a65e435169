import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { PurgeReceipt } from '@app/event-contracts';
import {
  PURGE_LEDGER_TABLE as LEDGER,
  PURGE_RECEIPTS_TABLE as RECEIPTS,
} from './purge-ledger.schema';
import type {
  OpenPurge,
  PurgeLedgerEntry,
  PurgeLedgerPage,
  PurgeLedgerQuery,
  PurgeReceiptRecord,
} from './purge-ledger.types';

interface LedgerRow {
  aggregate_type: string;
  aggregate_id: string;
  version: number;
  purged_at: Date;
  expected_mirrors: string[];
  completed_at: Date | null;
}

interface ReceiptRow {
  aggregate_id: string;
  mirror: string;
  version: number;
  applied_at: Date;
  received_at: Date;
}

const LEDGER_COLUMNS = `"aggregate_type", "aggregate_id", "version", "purged_at", "expected_mirrors",
       "completed_at"`;

/**
 * The owner's record of each purge and of the receipts its mirrors sent for it: a purge is
 * complete once every mirror expected when it was made has confirmed its version (or a later
 * one). Opened in the purge's transaction, fed by the receipt consumers.
 */
@Injectable()
export class PurgeLedger {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Opens the entry of a purge; with no mirror expected it is complete at once. */
  async open(manager: EntityManager, purge: OpenPurge): Promise<void> {
    requireTransaction(manager);
    await manager.query(
      `INSERT INTO "${LEDGER}"
         ("aggregate_type", "aggregate_id", "version", "purged_at", "expected_mirrors")
       VALUES ($1, $2, $3, now(), $4::text[])`,
      [purge.aggregateType, purge.aggregateId, purge.version, [...new Set(purge.expectedMirrors)]],
    );
    await this.completeIfConfirmed(manager, purge.aggregateType, purge.aggregateId);
  }

  /**
   * Records a receipt, keeping each mirror's newest one (a repeat or an older receipt changes
   * nothing), and completes the purge when it was the last one missing. Returns whether the
   * receipt was new or newer. A receipt without a ledger entry (a purge made before the
   * ledger existed) is kept all the same.
   */
  async record(manager: EntityManager, receipt: PurgeReceipt): Promise<boolean> {
    requireTransaction(manager);
    const key = [receipt.aggregateType, receipt.aggregateId];
    // Receipts of one purge from different mirrors commit one after the other: each then sees
    // the others when it checks for completion, so the last one never misses it.
    await manager.query(
      `SELECT 1 FROM "${LEDGER}" WHERE "aggregate_type" = $1 AND "aggregate_id" = $2 FOR UPDATE`,
      key,
    );
    const inserted = await manager.query<unknown[]>(
      `INSERT INTO "${RECEIPTS}"
         ("aggregate_type", "aggregate_id", "mirror", "version", "applied_at")
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ("aggregate_type", "aggregate_id", "mirror") DO UPDATE
         SET "version" = EXCLUDED."version", "applied_at" = EXCLUDED."applied_at",
             "received_at" = now()
         WHERE "${RECEIPTS}"."version" < EXCLUDED."version"
       RETURNING 1`,
      [...key, receipt.mirror, receipt.version, receipt.appliedAt],
    );
    if (inserted.length === 0) return false;
    await this.completeIfConfirmed(manager, receipt.aggregateType, receipt.aggregateId);
    return true;
  }

  async find(aggregateType: string, aggregateId: string): Promise<PurgeLedgerEntry | undefined> {
    const rows: LedgerRow[] = await this.dataSource.query(
      `SELECT ${LEDGER_COLUMNS} FROM "${LEDGER}"
        WHERE "aggregate_type" = $1 AND "aggregate_id" = $2`,
      [aggregateType, aggregateId],
    );
    if (rows.length === 0) return undefined;
    return (await this.withReceipts(rows))[0];
  }

  /** A page of purges in aggregate id order (keyset: `after` the previous page's cursor). */
  async list(query: PurgeLedgerQuery): Promise<PurgeLedgerPage> {
    const rows: LedgerRow[] = await this.dataSource.query(
      `SELECT ${LEDGER_COLUMNS} FROM "${LEDGER}"
        WHERE "aggregate_type" = $1
          AND ($2::boolean IS NULL OR ("completed_at" IS NOT NULL) = $2::boolean)
          AND ($3::text IS NULL OR "aggregate_id" > $3::text)
        ORDER BY "aggregate_id"
        LIMIT $4`,
      [query.aggregateType, query.complete ?? null, query.after ?? null, query.limit],
    );
    const items = await this.withReceipts(rows);
    const last = items.at(-1);
    return { items, nextCursor: last && items.length === query.limit ? last.aggregateId : null };
  }

  /** Purges made more than `seconds` ago that still lack a receipt (of one aggregate type). */
  async incompleteOlderThan(seconds: number, aggregateType?: string): Promise<number> {
    const [row] = await this.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS "count" FROM "${LEDGER}"
        WHERE "completed_at" IS NULL
          AND "purged_at" < now() - ($1::double precision * interval '1 second')
          AND ($2::text IS NULL OR "aggregate_type" = $2::text)`,
      [seconds, aggregateType ?? null],
    );
    return row.count;
  }

  private async completeIfConfirmed(
    manager: EntityManager,
    aggregateType: string,
    aggregateId: string,
  ): Promise<void> {
    await manager.query(
      `UPDATE "${LEDGER}" l SET "completed_at" = now()
        WHERE l."aggregate_type" = $1 AND l."aggregate_id" = $2 AND l."completed_at" IS NULL
          AND NOT EXISTS (
            SELECT 1 FROM unnest(l."expected_mirrors") AS m("mirror")
             WHERE NOT EXISTS (
               SELECT 1 FROM "${RECEIPTS}" r
                WHERE r."aggregate_type" = l."aggregate_type"
                  AND r."aggregate_id" = l."aggregate_id"
                  AND r."mirror" = m."mirror" AND r."version" >= l."version"))`,
      [aggregateType, aggregateId],
    );
  }

  private async withReceipts(rows: LedgerRow[]): Promise<PurgeLedgerEntry[]> {
    if (rows.length === 0) return [];
    const receipts: ReceiptRow[] = await this.dataSource.query(
      `SELECT "aggregate_id", "mirror", "version", "applied_at", "received_at"
         FROM "${RECEIPTS}"
        WHERE "aggregate_type" = $1 AND "aggregate_id" = ANY($2::text[])
        ORDER BY "aggregate_id", "mirror"`,
      [rows[0].aggregate_type, rows.map((r) => r.aggregate_id)],
    );
    const byId = new Map<string, ReceiptRow[]>();
    for (const r of receipts) byId.set(r.aggregate_id, [...(byId.get(r.aggregate_id) ?? []), r]);
    return rows.map((row) => toEntry(row, byId.get(row.aggregate_id) ?? []));
  }
}

function toEntry(row: LedgerRow, receipts: ReceiptRow[]): PurgeLedgerEntry {
  const records: PurgeReceiptRecord[] = receipts.map((r) => ({
    mirror: r.mirror,
    version: r.version,
    appliedAt: r.applied_at.toISOString(),
    receivedAt: r.received_at.toISOString(),
  }));
  const confirmed = new Set(records.filter((r) => r.version >= row.version).map((r) => r.mirror));
  return {
    aggregateType: row.aggregate_type,
    aggregateId: row.aggregate_id,
    version: row.version,
    purgedAt: row.purged_at.toISOString(),
    expected: row.expected_mirrors,
    receipts: records,
    missing: row.expected_mirrors.filter((m) => !confirmed.has(m)),
    complete: row.completed_at !== null,
    completedAt: row.completed_at?.toISOString() ?? null,
  };
}

function requireTransaction(manager: EntityManager): void {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('the purge ledger is written inside the caller’s transaction');
  }
}
