import type { DataSource, EntityManager } from 'typeorm';
import { DEAD_LETTER_TABLE } from '../inbox-schema';
import type {
  DeadLetter,
  DeadLetterFilter,
  DeadLetterSelector,
  DeadLetterStatus,
  DeadLetterSummary,
  ParkedMessage,
} from './dead-letter.types';

/** A listing: newest first, `parked` unless another status is asked for. */
export interface DeadLetterQuery extends DeadLetterFilter {
  status?: DeadLetterStatus;
  /** 1..500, default 50. */
  limit?: number;
}

interface Row {
  id: string;
  queue: string;
  message_id: string | null;
  event_type: string | null;
  subject: string | null;
  reason: string;
  attempts: number;
  headers?: Record<string, unknown>;
  body?: Buffer;
  content_type: string | null;
  parked_at: Date;
  status: DeadLetterStatus;
  resolved_at: Date | null;
  resolved_by: string | null;
  resolution_note: string | null;
}

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

  async list(query: DeadLetterQuery): Promise<DeadLetterSummary[]> {
    const params: unknown[] = [query.status ?? 'parked'];
    const where = [`"status" = $1`, ...filterConditions(query, params)];
    params.push(Math.min(Math.max(query.limit ?? 50, 1), 500));
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${SUMMARY} FROM "${this.table}" WHERE ${where.join(' AND ')}
        ORDER BY "parked_at" DESC, "id" DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(toDeadLetter);
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

  async find(id: number): Promise<DeadLetter | undefined> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${FULL} FROM "${this.table}" WHERE "id" = $1`,
      [id],
    );
    return rows[0] ? (toDeadLetter(rows[0]) as DeadLetter) : undefined;
  }

  /** The newest row id; a bulk requeue stops there, so letters parked again meanwhile wait. */
  async highestId(): Promise<number> {
    const rows: { max: string | null }[] = await this.dataSource.query(
      `SELECT max("id") AS "max" FROM "${this.table}"`,
    );
    return Number(rows[0]?.max ?? 0);
  }

  /**
   * Locks the next parked rows of a selection in id order, within `(afterId, upToId]`,
   * skipping rows a concurrent requeue or discard holds.
   */
  async lockParked(
    manager: EntityManager,
    selector: DeadLetterSelector,
    range: { afterId: number; upToId: number },
    limit: number,
  ): Promise<DeadLetter[]> {
    const params: unknown[] = [range.afterId, range.upToId];
    const where = [`"status" = 'parked'`, `"id" > $1`, `"id" <= $2`];
    if ('ids' in selector) {
      params.push(selector.ids);
      where.push(`"id" = ANY($${params.length}::bigint[])`);
    } else if ('filter' in selector) {
      where.push(...filterConditions(selector.filter, params));
    }
    params.push(limit);
    const rows: Row[] = await manager.query(
      `SELECT ${FULL} FROM "${this.table}" WHERE ${where.join(' AND ')}
        ORDER BY "id" LIMIT $${params.length} FOR UPDATE SKIP LOCKED`,
      params,
    );
    return rows.map((r) => toDeadLetter(r) as DeadLetter);
  }

  /** Moves parked rows to `status`; returns the rows it changed (others were not parked). */
  async resolve(
    manager: EntityManager,
    ids: number[],
    status: Exclude<DeadLetterStatus, 'parked'>,
    actor: string,
    note: string | null = null,
  ): Promise<DeadLetterSummary[]> {
    if (ids.length === 0) return [];
    const [rows]: [Row[], number] = await manager.query(
      `UPDATE "${this.table}"
          SET "status" = $2, "resolved_at" = now(), "resolved_by" = $3, "resolution_note" = $4
        WHERE "id" = ANY($1::bigint[]) AND "status" = 'parked'
        RETURNING ${SUMMARY}`,
      [ids, status, actor, note],
    );
    return rows.map(toDeadLetter);
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
  async reopen(manager: EntityManager, ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    await manager.query(
      `UPDATE "${this.table}"
          SET "status" = 'parked', "resolved_at" = NULL, "resolved_by" = NULL,
              "resolution_note" = NULL
        WHERE "id" = ANY($1::bigint[])`,
      [ids],
    );
  }
}

function filterConditions(filter: DeadLetterFilter, params: unknown[]): string[] {
  const columns = { queue: 'queue', eventType: 'event_type', subject: 'subject' } as const;
  const conditions: string[] = [];
  for (const key of Object.keys(columns) as (keyof typeof columns)[]) {
    const value = filter[key];
    if (value === undefined) continue;
    params.push(value);
    conditions.push(`"${columns[key]}" = $${params.length}`);
  }
  return conditions;
}

function toDeadLetter(r: Row): DeadLetterSummary | DeadLetter {
  const summary: DeadLetterSummary = {
    id: Number(r.id),
    queue: r.queue,
    messageId: r.message_id,
    eventType: r.event_type,
    subject: r.subject,
    reason: r.reason,
    attempts: r.attempts,
    contentType: r.content_type,
    parkedAt: r.parked_at,
    status: r.status,
    resolvedAt: r.resolved_at,
    resolvedBy: r.resolved_by,
    resolutionNote: r.resolution_note,
  };
  return r.body === undefined ? summary : { ...summary, headers: r.headers ?? {}, body: r.body };
}
