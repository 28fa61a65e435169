/** Default outbox table name; one outbox table per service database. */
export const DEFAULT_OUTBOX_TABLE = 'outbox_messages';

/** The channel a relay LISTENs on for a given outbox table. */
export function outboxChannel(table: string): string {
  return `${table}_pending`;
}

/**
 * The outbox table's current DDL, for tests and for writing a migration: paste its output into
 * the migration, never call it from one, as a migration keeps the SQL it ran (ADR 0015). Pending
 * rows are found through a partial index, so the claim query stays index-bound however many
 * rows are kept.
 * A row is pending, published, dead-lettered, or dead-lettered and discarded; the relay's
 * retention deletes published rows, the dead-letter retention (when set) discarded ones.
 */
export function outboxTableDdl(table = DEFAULT_OUTBOX_TABLE): string[] {
  return [
    `CREATE TABLE "${table}" (
      "id" bigserial PRIMARY KEY,
      "event_id" uuid NOT NULL UNIQUE,
      "lane" smallint NOT NULL,
      "aggregate_type" text NOT NULL,
      "aggregate_id" text NOT NULL,
      "aggregate_version" integer NOT NULL,
      "event_type" text NOT NULL,
      "exchange" text NOT NULL,
      "routing_key" text NOT NULL,
      "payload" jsonb NOT NULL,
      "headers" jsonb NOT NULL DEFAULT '{}'::jsonb,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "published_at" timestamptz,
      "attempts" integer NOT NULL DEFAULT 0,
      "next_attempt_at" timestamptz,
      "last_error" text,
      -- [{ at, error }], newest last, the last 20 only: what an operator reads before a requeue.
      "attempt_log" jsonb NOT NULL DEFAULT '[]'::jsonb,
      "dead_lettered_at" timestamptz,
      -- An operator gave up on a dead letter, with a reason: kept, never published.
      "discarded_at" timestamptz,
      "discarded_by" text,
      "discard_reason" text,
      -- A discarded row stays dead-lettered, so no pending predicate can ever pick it up again.
      CONSTRAINT "ck_${table}_discarded_is_dead_lettered"
        CHECK ("discarded_at" IS NULL OR "dead_lettered_at" IS NOT NULL)
    )`,
    `CREATE INDEX "ix_${table}_pending" ON "${table}" ("id") INCLUDE ("lane")
      WHERE "published_at" IS NULL AND "dead_lettered_at" IS NULL`,
    `CREATE INDEX "ix_${table}_backoff" ON "${table}" ("aggregate_type", "aggregate_id", "id")
      WHERE "published_at" IS NULL AND "dead_lettered_at" IS NULL AND "next_attempt_at" IS NOT NULL`,
    `CREATE INDEX "ix_${table}_published_at" ON "${table}" ("published_at")
      WHERE "published_at" IS NOT NULL`,
    // An aggregate's rows in any state: the purge's scrub and withdrawal run under the
    // aggregate's row lock, so they must not scan the table.
    `CREATE INDEX "ix_${table}_aggregate" ON "${table}" ("aggregate_type", "aggregate_id")`,
    // Serves the relay's dead-letter count and the operators' newest-first keyset listing;
    // discarded rows stay in it, as there are few and the count reads the same predicate.
    `CREATE INDEX "ix_${table}_dead_lettered" ON "${table}" ("dead_lettered_at", "id")
      WHERE "dead_lettered_at" IS NOT NULL`,
  ];
}

export function dropOutboxTableDdl(table = DEFAULT_OUTBOX_TABLE): string[] {
  return [`DROP TABLE IF EXISTS "${table}"`];
}
