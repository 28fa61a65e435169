import type { DataSource, EntityManager } from 'typeorm';
import type {
  DeadLetterPage,
  DeadLetterQuery,
  DeadLetterSelector,
  DeadLetterStatus,
  DeadLetterSummary,
  DeadLetterView,
} from '../dead-letter.types';
import {
  cursorAtSql,
  filterConditions,
  keysetCondition,
  nextCursor,
  pageLimit,
  selectorConditions,
  type FilterColumns,
} from '../dead-letter-sql';
import {
  toConsumerSummary,
  toConsumerView,
  toStored,
  type DeadLetterRow,
} from './consumer-dead-letter-rows';
import { DEAD_LETTER_TABLE } from './dead-letter-schema';
import type { ParkedMessage, StoredDeadLetter } from './parked-message.types';

const COLUMNS: FilterColumns = {
  destination: 'queue',
  eventType: 'event_type',
  subject: 'subject',
};

const SUMMARY = `"id", "queue", "message_id", "event_type", "subject", "reason", "attempts",
  "content_type", "parked_at", "status", "resolved_at", "resolved_by", "resolution_note"`;
const FULL = `${SUMMARY}, "headers", "body"`;

/** SQL over the dead-letter table; callers pass the transaction where one is needed. */
export class DeadLetterStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly table = DEAD_LETTER_TABLE,
  ) {}

  /** Parks a message (committed when this resolves); false if the same one is already parked. */
  async park(m: ParkedMessage): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO "${this.table}" ("queue", "message_id", "event_type", "subject", "reason",
         "attempts", "headers", "body", "content_type")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT ("queue", "message_id") WHERE "status" = 'parked' DO NOTHING
       RETURNING 1`,
      [
        m.queue,
        m.messageId,
        m.eventType,
        m.subject,
        m.reason,
        m.attempts,
        JSON.stringify(m.headers),
        m.body,
        m.contentType,
      ],
    );
    return rows.length > 0;
  }

  /** A page of one status, newest first (`parked_at`, then `id`). */
  async list(query: DeadLetterQuery): Promise<DeadLetterPage> {
    const limit = pageLimit(query.limit);
    const params: unknown[] = [query.status ?? 'parked'];
    const where = [
      `"status" = $1`,
      ...filterConditions(query, COLUMNS, params),
      ...keysetCondition('parked_at', query.before, params),
    ];
    params.push(limit);
    const rows: (DeadLetterRow & { cursor_at: string })[] = await this.dataSource.query(
      `SELECT ${SUMMARY}, ${cursorAtSql('parked_at')} AS "cursor_at"
         FROM "${this.table}" WHERE ${where.join(' AND ')}
        ORDER BY "parked_at" DESC, "id" DESC LIMIT $${params.length}`,
      params,
    );
    return { items: rows.map(toConsumerSummary), nextCursor: nextCursor(rows, limit) };
  }

  /** Parked letters of each queue (0 for a queue with none), for metrics. */
  async countParked(queues: readonly string[]): Promise<Map<string, number>> {
    const counts = new Map(queues.map((queue) => [queue, 0]));
    const rows: { queue: string; parked: number }[] = await this.dataSource.query(
      `SELECT "queue", count(*)::int AS "parked" FROM "${this.table}"
        WHERE "status" = 'parked' AND "queue" = ANY($1::text[]) GROUP BY "queue"`,
      [queues],
    );
    for (const { queue, parked } of rows) counts.set(queue, parked);
    return counts;
  }

  /** One row in any status, with its headers and body; undefined if there is none. */
  async inspect(id: string): Promise<DeadLetterView | undefined> {
    const rows: DeadLetterRow[] = await this.dataSource.query(
      `SELECT ${FULL} FROM "${this.table}" WHERE "id" = $1::bigint`,
      [id],
    );
    return rows[0] ? toConsumerView(rows[0]) : undefined;
  }

  /** The newest row id; a bulk requeue stops there, so letters parked again meanwhile wait. */
  async highestId(): Promise<string> {
    const rows: { max: string | null }[] = await this.dataSource.query(
      `SELECT max("id")::text AS "max" FROM "${this.table}"`,
    );
    return rows[0]?.max ?? '0';
  }

  /**
   * Locks the next parked rows of a selection in id order, within `(afterId, upToId]`,
   * skipping rows a concurrent requeue or discard holds.
   */
  async lockParked(
    manager: EntityManager,
    selector: DeadLetterSelector,
    range: { afterId: string; upToId: string },
    limit: number,
  ): Promise<StoredDeadLetter[]> {
    const params: unknown[] = [range.afterId, range.upToId];
    const where = [
      `"status" = 'parked'`,
      `"id" > $1::bigint`,
      `"id" <= $2::bigint`,
      ...selectorConditions(selector, COLUMNS, params),
    ];
    params.push(limit);
    const rows: DeadLetterRow[] = await manager.query(
      `SELECT ${FULL} FROM "${this.table}" WHERE ${where.join(' AND ')}
        ORDER BY "id" LIMIT $${params.length} FOR UPDATE SKIP LOCKED`,
      params,
    );
    return rows.map(toStored);
  }

  /** Moves the selected parked rows to `status`; returns those it changed, in id order. */
  async resolve(
    manager: EntityManager,
    selector: DeadLetterSelector,
    status: Exclude<DeadLetterStatus, 'parked'>,
    actor: string,
    note: string | null = null,
  ): Promise<DeadLetterSummary[]> {
    if ('ids' in selector && selector.ids.length === 0) return [];
    const params: unknown[] = [status, actor, note];
    const where = [`"status" = 'parked'`, ...selectorConditions(selector, COLUMNS, params)];
    // Wrapped in a CTE so the driver returns plain rows rather than its UPDATE result tuple.
    const rows: DeadLetterRow[] = await manager.query(
      `WITH changed AS (
         UPDATE "${this.table}"
            SET "status" = $1, "resolved_at" = now(), "resolved_by" = $2, "resolution_note" = $3
          WHERE ${where.join(' AND ')}
          RETURNING ${SUMMARY})
       SELECT * FROM changed ORDER BY "id"`,
      params,
    );
    return rows.map(toConsumerSummary);
  }

  /**
   * For a true erasure of aggregates: in the caller's transaction, empties the body of every
   * dead letter about one of `subjects` and closes those still parked as `discarded` by `actor`
   * (an erased subject has nothing left to requeue). Returns how many rows it changed.
   */
  async eraseSubjects(manager: EntityManager, subjects: string[], actor: string): Promise<number> {
    if (subjects.length === 0) return 0;
    const [, count]: [unknown[], number] = await manager.query(
      `UPDATE "${this.table}"
          SET "body" = ''::bytea,
              "status" = CASE WHEN "status" = 'parked' THEN 'discarded' ELSE "status" END,
              "resolved_at" = COALESCE("resolved_at", now()),
              "resolved_by" = COALESCE("resolved_by", $2)
        WHERE "subject" = ANY($1::text[]) AND ("status" = 'parked' OR octet_length("body") > 0)`,
      [subjects, actor],
    );
    return count;
  }

  /** Undoes `resolve` inside the same transaction, for letters the broker did not take. */
  async reopen(manager: EntityManager, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await manager.query(
      `UPDATE "${this.table}"
          SET "status" = 'parked', "resolved_at" = NULL, "resolved_by" = NULL,
              "resolution_note" = NULL
        WHERE "id" = ANY($1::bigint[])`,
      [ids],
    );
  }

  /** Deletes up to `chunk` settled rows (requeued or discarded) resolved before the retention. */
  async deleteSettled(retentionMs: number, chunk: number): Promise<number> {
    const [, count]: [unknown, number] = await this.dataSource.query(
      `DELETE FROM "${this.table}" WHERE ctid IN (
         SELECT ctid FROM "${this.table}"
          WHERE "status" <> 'parked'
            AND "resolved_at" < now() - ($1::bigint * interval '1 millisecond')
          LIMIT $2)`,
      [retentionMs, chunk],
    );
    return count;
  }
}
