/** Default outbox table name; one outbox table per service database. */
export const DEFAULT_OUTBOX_TABLE = 'outbox_messages';

/** The channel a relay LISTENs on for a given outbox table. */
export function outboxChannel(table: string): string {
  return `${table}_pending`;
}

/**
 * DDL for the outbox table, for a service's own migration (`up`). Pending rows are found
 * through a partial index, so the claim query stays index-bound however many rows are kept.
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
      "dead_lettered_at" timestamptz
    )`,
    `CREATE INDEX "ix_${table}_pending" ON "${table}" ("id") INCLUDE ("lane")
      WHERE "published_at" IS NULL AND "dead_lettered_at" IS NULL`,
    `CREATE INDEX "ix_${table}_backoff" ON "${table}" ("aggregate_type", "aggregate_id", "id")
      WHERE "published_at" IS NULL AND "dead_lettered_at" IS NULL AND "next_attempt_at" IS NOT NULL`,
    `CREATE INDEX "ix_${table}_published_at" ON "${table}" ("published_at")
      WHERE "published_at" IS NOT NULL`,
    `CREATE INDEX "ix_${table}_dead_lettered" ON "${table}" ("dead_lettered_at")
      WHERE "dead_lettered_at" IS NOT NULL`,
  ];
}

export function dropOutboxTableDdl(table = DEFAULT_OUTBOX_TABLE): string[] {
  return [`DROP TABLE IF EXISTS "${table}"`];
}
