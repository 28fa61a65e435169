import type { PoolClient } from 'pg';
import { OUTBOX_LANES } from '@app/outbox';
import { appendAttemptLogSql } from './attempt-log';
import type { OutboxRow, PublishFailure } from './outbox-row';

const PENDING = `"published_at" IS NULL AND "dead_lettered_at" IS NULL`;

function pending(alias: string): string {
  return `${alias}."published_at" IS NULL AND ${alias}."dead_lettered_at" IS NULL`;
}

/**
 * A row the relay may publish now: pending, not in backoff, and no earlier row of its
 * aggregate is in backoff (publishing it would overtake that row).
 */
function claimable(table: string): string {
  return `${pending('o')}
    AND (o."next_attempt_at" IS NULL OR o."next_attempt_at" <= now())
    AND NOT EXISTS (
      SELECT 1 FROM "${table}" b
       WHERE ${pending('b')} AND b."next_attempt_at" > now()
         AND b."aggregate_type" = o."aggregate_type" AND b."aggregate_id" = o."aggregate_id"
         AND b."id" < o."id")`;
}

/** Advisory-lock namespace of one outbox table, so several outboxes in one database never clash. */
export function laneLockNamespace(table: string): number {
  let hash = 0;
  for (let i = 0; i < table.length; i++) hash = (Math.imul(hash, 31) + table.charCodeAt(i)) | 0;
  return hash;
}

interface RawRow {
  id: string;
  event_id: string;
  event_type: string;
  exchange: string;
  routing_key: string;
  body: string;
  headers: Record<string, string>;
  aggregate_key: string;
  attempts: number;
  created_at: Date;
}

/** The SQL of the relay, run on a client inside the relay's batch transaction. */
export class RelayStore {
  private readonly namespace: number;

  constructor(
    private readonly table: string,
    private readonly maxAttempts: number,
  ) {
    this.namespace = laneLockNamespace(table);
  }

  /**
   * Lanes holding the oldest claimable rows, oldest first. Rows waiting out a backoff are left
   * out, so lanes that only hold those never crowd out lanes with work.
   */
  async lanesWithWork(client: PoolClient, lookahead: number): Promise<number[]> {
    const { rows } = await client.query<{ lane: number }>(
      `SELECT "lane" FROM (
         SELECT o."lane", o."id" FROM "${this.table}" o WHERE ${claimable(this.table)}
          ORDER BY o."id" LIMIT $1
       ) head GROUP BY "lane" ORDER BY min("id")`,
      [lookahead],
    );
    return rows.map((r) => r.lane);
  }

  /** Takes transaction-scoped locks on up to `max` of the candidate lanes that nobody holds. */
  async lockLanes(client: PoolClient, candidates: number[], max: number): Promise<number[]> {
    const { rows } = await client.query<{ lane: number }>(
      `SELECT c.lane FROM unnest($1::int[]) AS c(lane)
        WHERE pg_try_advisory_xact_lock($2, c.lane) LIMIT $3`,
      [candidates, this.namespace, Math.min(max, OUTBOX_LANES)],
    );
    return rows.map((r) => r.lane);
  }

  /**
   * Pending rows of the locked lanes in id (= per-aggregate commit) order, skipping rows in
   * backoff and every later row of an aggregate that has one in backoff.
   */
  async claim(client: PoolClient, lanes: number[], limit: number): Promise<OutboxRow[]> {
    const { rows } = await client.query<RawRow>(
      `SELECT o."id", o."event_id", o."event_type", o."exchange", o."routing_key",
              o."payload"::text AS body, o."headers", o."attempts", o."created_at",
              o."aggregate_type" || ':' || o."aggregate_id" AS aggregate_key
         FROM "${this.table}" o
        WHERE o."lane" = ANY($1::int[]) AND ${claimable(this.table)}
        ORDER BY o."id"
        LIMIT $2`,
      [lanes, limit],
    );
    return rows.map((r) => ({
      id: r.id,
      eventId: r.event_id,
      eventType: r.event_type,
      exchange: r.exchange,
      routingKey: r.routing_key,
      body: r.body,
      headers: r.headers,
      aggregateKey: r.aggregate_key,
      attempts: r.attempts,
      createdAt: r.created_at,
    }));
  }

  async markPublished(client: PoolClient, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await client.query(
      `UPDATE "${this.table}" SET "published_at" = now(), "attempts" = "attempts" + 1,
              "next_attempt_at" = NULL
        WHERE "id" = ANY($1::bigint[])`,
      [ids],
    );
  }

  /**
   * Records failed attempts with backoff and appends each to the row's `attempt_log`; past
   * the budget a row is dead-lettered.
   */
  async recordFailures(
    client: PoolClient,
    failures: PublishFailure[],
    backoffMs: (attempt: number) => number,
  ): Promise<number> {
    let deadLettered = 0;
    for (const { row, error } of failures) {
      const attempt = row.attempts + 1;
      const dead = attempt >= this.maxAttempts;
      if (dead) deadLettered++;
      await client.query(
        `UPDATE "${this.table}"
            SET "attempts" = $2, "last_error" = $3,
                "attempt_log" = ${appendAttemptLogSql('$3::text')},
                "next_attempt_at" = now() + ($4::int * interval '1 millisecond'),
                "dead_lettered_at" = CASE WHEN $5::boolean THEN now() END
          WHERE "id" = $1`,
        [row.id, attempt, error, backoffMs(attempt), dead],
      );
    }
    return deadLettered;
  }

  /** Deletes published rows older than the retention, a chunk at a time. */
  async deletePublishedBefore(
    client: PoolClient,
    retentionMs: number,
    chunk = 5000,
  ): Promise<number> {
    const { rowCount } = await client.query(
      `DELETE FROM "${this.table}" WHERE "id" IN (
         SELECT "id" FROM "${this.table}"
          WHERE "published_at" < now() - ($1::bigint * interval '1 millisecond')
          LIMIT $2)`,
      [retentionMs, chunk],
    );
    return rowCount ?? 0;
  }

  async backlog(
    client: PoolClient,
  ): Promise<{ pending: number; oldestPendingAgeMs: number; deadLettered: number }> {
    const { rows } = await client.query<{
      pending: string;
      oldest: Date | null;
      dead: string;
      now: Date;
    }>(
      `SELECT (SELECT count(*) FROM "${this.table}" WHERE ${PENDING}) AS pending,
              (SELECT "created_at" FROM "${this.table}" WHERE ${PENDING} ORDER BY "id" LIMIT 1) AS oldest,
              (SELECT count(*) FROM "${this.table}"
                WHERE "dead_lettered_at" IS NOT NULL AND "discarded_at" IS NULL) AS dead,
              now() AS now`,
    );
    const row = rows[0];
    return {
      pending: Number(row.pending),
      // Measured on the database clock, so a skewed relay clock cannot hide a stuck row.
      oldestPendingAgeMs: row.oldest ? Math.max(0, row.now.getTime() - row.oldest.getTime()) : 0,
      deadLettered: Number(row.dead),
    };
  }
}
