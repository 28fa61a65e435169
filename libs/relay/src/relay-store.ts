import type { PoolClient, QueryResult } from 'pg';
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

/** Transaction-local setting that carries the ids to claim from the lock to the claim. */
const IDS_SETTING = 'outbox_relay.claim_ids';

/** An integer for SQL text; anything else is a bug, never data. */
function int(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`expected an integer, got ${value}`);
  return String(value);
}

function toOutboxRow(r: RawRow): OutboxRow {
  return {
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
  };
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
   * Opens the batch transaction, locks lanes and claims rows, in one round trip (three
   * statements sent together), with one scan of the pending index:
   *
   * 1. `BEGIN ISOLATION LEVEL READ COMMITTED`, whatever the server's default;
   * 2. the head: the oldest `lookahead` claimable rows (rows waiting out a backoff left out, so
   *    lanes holding only those never crowd out lanes with work). Try the transaction-scoped
   *    advisory lock of the head's lanes, oldest first, up to `maxLanes`; keep the ids of the
   *    head rows in the locked lanes (oldest first, at most `limit`) in a transaction-local
   *    setting;
   * 3. claim: read those rows back by primary key and keep the ones still claimable.
   *
   * The claim is a statement of its own on purpose: in READ COMMITTED it takes its snapshot
   * after the locks are held, so it sees every row the lanes' previous holder marked before it
   * committed and released them, and drops those. Under REPEATABLE READ it would reuse the
   * head's snapshot, taken before the locks, republish those rows and then fail to mark them;
   * so the level is stated, never inherited from `default_transaction_isolation`. What it
   * keeps is, per aggregate, a prefix of its pending rows: a row that became visible only after
   * the head's snapshot has no later row of its aggregate in the head, since that row's
   * transaction waited for it to commit.
   * Reading back by key instead of scanning again matters with a large backlog, where each
   * scan of the pending index first steps over the entries of rows published since the last
   * vacuum. Every value in the text is an integer the relay computed.
   */
  async beginAndClaim(
    client: PoolClient,
    lookahead: number,
    maxLanes: number,
    limit: number,
  ): Promise<{ lanesWithWork: number; headRows: number; lockedLanes: number; rows: OutboxRow[] }> {
    const sql = `BEGIN ISOLATION LEVEL READ COMMITTED;
      WITH head_rows AS MATERIALIZED (
        SELECT o."lane", o."id" FROM "${this.table}" o WHERE ${claimable(this.table)}
         ORDER BY o."id" LIMIT ${int(lookahead)}
      ), head AS MATERIALIZED (
        SELECT "lane", min("id") AS "first" FROM head_rows GROUP BY "lane"
      ), candidates AS MATERIALIZED (
        SELECT "lane" FROM head ORDER BY "first"
      ), locked AS MATERIALIZED (
        SELECT lane FROM candidates
         WHERE pg_try_advisory_xact_lock(${int(this.namespace)}, lane)
         LIMIT ${int(Math.min(maxLanes, OUTBOX_LANES))}
      ), mine AS MATERIALIZED (
        SELECT "id" FROM head_rows WHERE "lane" IN (SELECT lane FROM locked)
         ORDER BY "id" LIMIT ${int(limit)}
      )
      SELECT (SELECT count(*) FROM head)::int AS "lanesWithWork",
             (SELECT count(*) FROM head_rows)::int AS "headRows",
             (SELECT count(*) FROM locked)::int AS "lockedLanes",
             -- Only its length comes back: the ids themselves stay on the server for the claim.
             length(set_config('${IDS_SETTING}',
                               coalesce((SELECT string_agg("id"::text, ',') FROM mine), ''),
                               true)) AS "idsLength";
      SELECT o."id", o."event_id", o."event_type", o."exchange", o."routing_key",
             o."payload"::text AS body, o."headers", o."attempts", o."created_at",
             o."aggregate_type" || ':' || o."aggregate_id" AS aggregate_key
        FROM "${this.table}" o
       WHERE o."id" = ANY((SELECT string_to_array(
               nullif(current_setting('${IDS_SETTING}', true), ''), ',')::bigint[])::bigint[])
         AND ${claimable(this.table)}
       ORDER BY o."id"`;
    const results = (await client.query(sql)) as unknown as [
      QueryResult,
      QueryResult<{ lanesWithWork: number; headRows: number; lockedLanes: number }>,
      QueryResult<RawRow>,
    ];
    const [, locking, claimed] = results;
    const { lanesWithWork, headRows, lockedLanes } = locking.rows[0];
    return { lanesWithWork, headRows, lockedLanes, rows: claimed.rows.map(toOutboxRow) };
  }

  /** Marks rows published and commits the batch transaction, in one round trip. */
  async markPublishedAndCommit(client: PoolClient, ids: string[]): Promise<void> {
    if (ids.length === 0) {
      await client.query('COMMIT');
      return;
    }
    for (const id of ids) {
      if (!/^[0-9]+$/.test(id)) throw new Error(`outbox row id '${id}' is not an integer`);
    }
    await client.query(
      `UPDATE "${this.table}" SET "published_at" = now(), "attempts" = "attempts" + 1,
              "next_attempt_at" = NULL
        WHERE "id" = ANY('{${ids.join(',')}}'::bigint[]);
       COMMIT`,
    );
  }

  /**
   * Records failed attempts with backoff and appends each to the row's `attempt_log`; past
   * the budget a row is dead-lettered. Times are read from the clock when the failure is
   * recorded, not from `now()`, the batch's start: after a slow batch a backoff counted from
   * its start would already have run out, and the row would be retried at once.
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
                "attempt_log" = ${appendAttemptLogSql('$3::text', 'failure."at"')},
                "next_attempt_at" = failure."at" + ($4::int * interval '1 millisecond'),
                "dead_lettered_at" = CASE WHEN $5::boolean THEN failure."at" END
           FROM (SELECT clock_timestamp() AS "at") AS failure
          WHERE "id" = $1`,
        [row.id, attempt, error, backoffMs(attempt), dead],
      );
    }
    return deadLettered;
  }

  /**
   * Deletes published rows older than the retention, chunk after chunk while `keepGoing`; one
   * relay at a time (an advisory lock beside the lanes' keys, which run from 0 up), the others
   * skip the round.
   */
  async cleanUpPublished(
    client: PoolClient,
    retentionMs: number,
    keepGoing: () => boolean,
  ): Promise<void> {
    const { rows } = await client.query<{ ok: boolean }>(
      'SELECT pg_try_advisory_lock($1, -1) AS ok',
      [this.namespace],
    );
    if (!rows[0].ok) return;
    try {
      while (keepGoing() && (await this.deletePublishedBefore(client, retentionMs)) > 0);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, -1)', [this.namespace]);
    }
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
