import { BadRequestException, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_OUTBOX_TABLE, OutboxSignal, outboxChannel } from '@app/outbox';
import { recordAudit } from '@app/audit';
import { appendAttemptLogSql } from '@app/relay';
import { decodeDeadLetterCursor, encodeDeadLetterCursor } from './dead-letter-cursor';
import { SUMMARY_COLUMNS, toSummary, type DetailRow, type SummaryRow } from './dead-letter-rows';
import {
  OUTBOX_DEAD_LETTERS_OPTIONS,
  type OutboxDeadLettersOptions,
} from './outbox-dead-letters.options';
import type {
  DeadLetter,
  DeadLetterActionResult,
  DeadLetterFilter,
  DeadLetterPage,
  DeadLetterQuery,
  RequeueSelector,
} from './outbox-dead-letters.types';

/** A live dead letter: given up on by the relay, not (yet) discarded by an operator. */
const DEAD = `"dead_lettered_at" IS NOT NULL AND "discarded_at" IS NULL`;

const FILTER_COLUMNS: Record<keyof DeadLetterFilter, string> = {
  eventType: 'event_type',
  aggregateType: 'aggregate_type',
  aggregateId: 'aggregate_id',
};

/**
 * Operator tooling for outbox rows the relay gave up on: list, inspect, requeue (the row keeps
 * its `event_id`, so consumers still dedupe it) and discard (kept, never published). Every
 * change is audited in the same transaction.
 */
@Injectable()
export class OutboxDeadLettersService {
  private readonly logger = new Logger(OutboxDeadLettersService.name);
  private readonly table: string;

  constructor(
    @Inject(OUTBOX_DEAD_LETTERS_OPTIONS) options: OutboxDeadLettersOptions,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.table = options.table ?? DEFAULT_OUTBOX_TABLE;
  }

  /** Live dead letters, newest first, a keyset page at a time. */
  async list(query: DeadLetterQuery = {}): Promise<DeadLetterPage> {
    const limit = query.limit ?? 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
      throw new BadRequestException('limit must be an integer from 1 to 500');
    }
    const params: unknown[] = [];
    const where = [DEAD, ...this.filterConditions(query, params)];
    if (query.before !== undefined) {
      const cursor = decodeDeadLetterCursor(query.before);
      if (!cursor) throw new BadRequestException('before must be a nextCursor from a listing');
      params.push(cursor.deadLetteredAt, cursor.id);
      const [at, id] = [params.length - 1, params.length];
      where.push(`("dead_lettered_at", "id") < ($${at}::timestamptz, $${id}::bigint)`);
    }
    params.push(limit);
    const rows: SummaryRow[] = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS} FROM "${this.table}" WHERE ${where.join(' AND ')}
        ORDER BY "dead_lettered_at" DESC, "id" DESC LIMIT $${params.length}`,
      params,
    );
    const last = rows.at(-1);
    return {
      items: rows.map((r) => toSummary(r)),
      nextCursor:
        last && rows.length === limit
          ? encodeDeadLetterCursor({ deadLetteredAt: last.cursor_at, id: last.id })
          : null,
    };
  }

  /** One live dead letter with payload, headers and attempt history; undefined if there is none. */
  async inspect(id: string): Promise<DeadLetter | undefined> {
    const rows: DetailRow[] = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS}, "payload", "headers", "attempt_log"
         FROM "${this.table}" WHERE "id" = $1::bigint AND ${DEAD}`,
      [id],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      ...toSummary(row),
      payload: row.payload,
      headers: row.headers,
      attemptLog: row.attempt_log,
    };
  }

  /**
   * Makes the selected dead letters pending again with a fresh retry budget, keeping their
   * event id and attempt history, then wakes the relays. Discarded rows are never requeued.
   */
  async requeue(selector: RequeueSelector, actor: string): Promise<DeadLetterActionResult> {
    const params: unknown[] = [`requeued by ${actor}`];
    const where = [DEAD, ...this.selectorConditions(selector, params)];
    const result = await this.dataSource.transaction(async (manager) => {
      const ids = await this.updateReturningIds(
        manager,
        `UPDATE "${this.table}"
            SET "dead_lettered_at" = NULL, "next_attempt_at" = NULL, "attempts" = 0,
                "attempt_log" = ${appendAttemptLogSql('$1::text')}
          WHERE ${where.join(' AND ')}`,
        params,
      );
      await this.audit(manager, 'outbox.requeued', actor, ids, {
        selector: selectorDetails(selector),
      });
      return { count: ids.length, ids };
    });
    if (result.count > 0) await this.wakeRelays();
    return result;
  }

  /** Marks dead letters as discarded: kept for the record, never published, never cleaned up. */
  async discard(ids: string[], actor: string, reason: string): Promise<DeadLetterActionResult> {
    return this.dataSource.transaction(async (manager) => {
      const discarded = await this.updateReturningIds(
        manager,
        `UPDATE "${this.table}" SET "discarded_at" = now(), "discarded_by" = $2
          WHERE "id" = ANY($1::bigint[]) AND ${DEAD}`,
        [ids, actor],
      );
      await this.audit(manager, 'outbox.discarded', actor, discarded, { reason });
      return { count: discarded.length, ids: discarded };
    });
  }

  private async updateReturningIds(
    manager: EntityManager,
    update: string,
    params: unknown[],
  ): Promise<string[]> {
    // Wrapped in a CTE so the driver returns plain rows rather than its UPDATE result tuple.
    const rows: { id: string }[] = await manager.query(
      `WITH changed AS (${update} RETURNING "id") SELECT "id" FROM changed ORDER BY "id"`,
      params,
    );
    return rows.map((r) => r.id);
  }

  private async audit(
    manager: EntityManager,
    action: string,
    actor: string,
    ids: string[],
    details: Record<string, unknown>,
  ): Promise<void> {
    await recordAudit(manager, {
      actor,
      action,
      entityType: 'outbox_message',
      // One entry per action; a single row keeps its own id so its history is findable.
      entityId: ids.length === 1 ? ids[0] : '*',
      details: { ...details, ids, count: ids.length, table: this.table },
    });
  }

  private selectorConditions(selector: RequeueSelector, params: unknown[]): string[] {
    if ('ids' in selector) {
      params.push(selector.ids);
      return [`"id" = ANY($${params.length}::bigint[])`];
    }
    if ('filter' in selector) {
      const conditions = this.filterConditions(selector.filter, params);
      // An empty filter would silently requeue everything; that takes an explicit `all`.
      if (conditions.length === 0) {
        throw new BadRequestException(
          'filter needs a field; requeue everything with { all: true }',
        );
      }
      return conditions;
    }
    return [];
  }

  private filterConditions(filter: DeadLetterFilter, params: unknown[]): string[] {
    const keys = Object.keys(FILTER_COLUMNS) as (keyof DeadLetterFilter)[];
    return keys.flatMap((key) => {
      const value = filter[key];
      if (value === undefined) return [];
      params.push(value);
      return [`"${FILTER_COLUMNS[key]}" = $${params.length}`];
    });
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

function selectorDetails(selector: RequeueSelector): Record<string, unknown> {
  if ('ids' in selector) return { ids: selector.ids };
  if ('filter' in selector) return { filter: selector.filter };
  return { all: true };
}
