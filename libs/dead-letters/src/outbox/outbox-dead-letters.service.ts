import { BadRequestException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_OUTBOX_TABLE, OutboxSignal, outboxChannel } from '@app/outbox';
import { appendAttemptLogSql } from '@app/relay';
import { auditDeadLetters, type AuditedLetter } from '../dead-letter-audit';
import {
  cursorAtSql,
  filterConditions,
  keysetCondition,
  nextCursor,
  pageLimit,
  selectorConditions,
  skippedIds,
  type FilterColumns,
} from '../dead-letter-sql';
import type {
  DeadLetterActionResult,
  DeadLetterPage,
  DeadLetterQuery,
  DeadLetterSelector,
  DeadLetterSource,
  DeadLetterStatus,
  DeadLetterView,
} from '../dead-letter.types';
import {
  CHANGED_COLUMNS,
  DETAIL_COLUMNS,
  DISCARDED,
  PARKED,
  SUMMARY_COLUMNS,
  toAuditedLetter,
  toOutboxSummary,
  toOutboxView,
  type OutboxChangedRow,
  type OutboxDetailRow,
  type OutboxSummaryRow,
} from './outbox-dead-letter-rows';
import {
  OUTBOX_DEAD_LETTERS_OPTIONS,
  type OutboxDeadLettersOptions,
} from './outbox-dead-letters.options';

const COLUMNS: FilterColumns = {
  destination: 'exchange',
  eventType: 'event_type',
  subject: 'aggregate_id',
};

/**
 * Outbox rows the relay gave up on: list, inspect, requeue (the row keeps its `event_id`, so
 * consumers still dedupe it) and discard (kept, never published). Every change is audited in
 * the same transaction.
 */
@Injectable()
export class OutboxDeadLettersService implements DeadLetterSource {
  private readonly logger = new Logger(OutboxDeadLettersService.name);
  private readonly table: string;

  constructor(
    @Inject(OUTBOX_DEAD_LETTERS_OPTIONS) options: OutboxDeadLettersOptions,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.table = options.table ?? DEFAULT_OUTBOX_TABLE;
  }

  /** Parked (live) or discarded dead letters, newest first, a keyset page at a time. */
  async list(query: DeadLetterQuery = {}): Promise<DeadLetterPage> {
    const limit = pageLimit(query.limit);
    const params: unknown[] = [];
    const where = [
      statusCondition(query.status ?? 'parked'),
      ...filterConditions(query, COLUMNS, params),
      ...keysetCondition('dead_lettered_at', query.before, params),
    ];
    params.push(limit);
    const rows: (OutboxSummaryRow & { cursor_at: string })[] = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS}, ${cursorAtSql('dead_lettered_at')} AS "cursor_at"
         FROM "${this.table}" WHERE ${where.join(' AND ')}
        ORDER BY "dead_lettered_at" DESC, "id" DESC LIMIT $${params.length}`,
      params,
    );
    return { items: rows.map(toOutboxSummary), nextCursor: nextCursor(rows, limit) };
  }

  /** One dead letter, parked or discarded, with its CloudEvent, headers and attempt log. */
  async inspect(id: string): Promise<DeadLetterView> {
    const rows: OutboxDetailRow[] = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS}, ${DETAIL_COLUMNS}
         FROM "${this.table}" WHERE "id" = $1::bigint AND "dead_lettered_at" IS NOT NULL`,
      [id],
    );
    if (!rows[0]) throw new NotFoundException(`outbox message ${id} is not a dead letter`);
    return toOutboxView(rows[0]);
  }

  /**
   * Makes the selected dead letters pending again with a fresh retry budget, keeping their
   * event id and attempt history, then wakes the relays. Discarded rows are never requeued.
   */
  async requeue(selector: DeadLetterSelector, actor: string): Promise<DeadLetterActionResult> {
    const params: unknown[] = [`requeued by ${actor}`];
    const where = [PARKED, ...selectorConditions(selector, COLUMNS, params)];
    const requeued = await this.dataSource.transaction(async (manager) => {
      const rows = await this.update(
        manager,
        `"dead_lettered_at" = NULL, "next_attempt_at" = NULL, "attempts" = 0,
         "attempt_log" = ${appendAttemptLogSql('$1::text')}`,
        where,
        params,
      );
      await auditDeadLetters(manager, 'requeued', actor, rows);
      return rows;
    });
    if (requeued.length > 0) await this.wakeRelays();
    return result(selector, requeued);
  }

  /** Marks dead letters discarded, with who and why: kept, never published. */
  async discard(
    selector: DeadLetterSelector,
    actor: string,
    reason: string,
  ): Promise<DeadLetterActionResult> {
    const params: unknown[] = [actor, reason, `discarded by ${actor}: ${reason}`];
    const where = [PARKED, ...selectorConditions(selector, COLUMNS, params)];
    const discarded = await this.dataSource.transaction(async (manager) => {
      const rows = await this.update(
        manager,
        `"discarded_at" = now(), "discarded_by" = $1, "discard_reason" = $2,
         "attempt_log" = ${appendAttemptLogSql('$3::text')}`,
        where,
        params,
      );
      await auditDeadLetters(manager, 'discarded', actor, rows, { reason });
      return rows;
    });
    return result(selector, discarded);
  }

  /** Deletes up to `chunk` discarded rows older than the retention; returns how many. */
  async deleteDiscarded(retentionMs: number, chunk: number): Promise<number> {
    const [, count]: [unknown, number] = await this.dataSource.query(
      `DELETE FROM "${this.table}" WHERE ctid IN (
         SELECT ctid FROM "${this.table}"
          WHERE "discarded_at" < now() - ($1::bigint * interval '1 millisecond') LIMIT $2)`,
      [retentionMs, chunk],
    );
    return count;
  }

  private async update(
    manager: EntityManager,
    set: string,
    where: string[],
    params: unknown[],
  ): Promise<AuditedLetter[]> {
    // Wrapped in a CTE so the driver returns plain rows rather than its UPDATE result tuple.
    const rows: OutboxChangedRow[] = await manager.query(
      `WITH changed AS (
         UPDATE "${this.table}" SET ${set} WHERE ${where.join(' AND ')}
         RETURNING ${CHANGED_COLUMNS})
       SELECT * FROM changed ORDER BY "id"`,
      params,
    );
    return rows.map(toAuditedLetter);
  }

  // In-process relays wake at once; others hear the NOTIFY or, failing that, their next poll.
  private async wakeRelays(): Promise<void> {
    OutboxSignal.wake(this.table);
    try {
      await this.dataSource.query('SELECT pg_notify($1, $2)', [outboxChannel(this.table), '']);
    } catch (err) {
      this.logger.warn(`outbox NOTIFY after requeue failed (relays will poll): ${String(err)}`);
    }
  }
}

function statusCondition(status: DeadLetterStatus): string {
  switch (status) {
    case 'parked':
      return PARKED;
    case 'discarded':
      return DISCARDED;
    case 'requeued':
      // A requeued row is an outbox message again (published, or dead-lettered anew).
      throw new BadRequestException(
        'an outbox dead letter that is requeued becomes an outbox message again; ' +
          'find past requeues in the audit log (action dead-letter.requeued)',
      );
  }
}

function result(selector: DeadLetterSelector, changed: AuditedLetter[]): DeadLetterActionResult {
  const ids = changed.map((d) => d.id);
  return { count: ids.length, ids, skipped: skippedIds(selector, ids), failures: [] };
}
