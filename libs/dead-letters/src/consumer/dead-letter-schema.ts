/** Dead letters parked from the consumer DLQs, where operators list, inspect, requeue, discard. */
export const DEAD_LETTER_TABLE = 'dead_letters';

/**
 * The current DDL of the dead-letter table, for tests and for writing a migration: paste its
 * output into the migration, never call it from one (ADR 0015). A service that consumes
 * events has it next to its inbox.
 */
export function deadLetterTableDdl(): string[] {
  const t = DEAD_LETTER_TABLE;
  return [
    `CREATE TABLE "${t}" (
      "id" bigserial PRIMARY KEY,
      "queue" text NOT NULL,
      "message_id" text,
      "event_type" text,
      "subject" text,
      "reason" text NOT NULL,
      "attempts" integer NOT NULL DEFAULT 0,
      "headers" jsonb NOT NULL DEFAULT '{}'::jsonb,
      "body" bytea NOT NULL,
      "content_type" text,
      "parked_at" timestamptz NOT NULL DEFAULT now(),
      "status" text NOT NULL DEFAULT 'parked'
        CHECK ("status" IN ('parked', 'requeued', 'discarded')),
      "resolved_at" timestamptz,
      "resolved_by" text,
      "resolution_note" text
    )`,
    `CREATE INDEX "ix_${t}_listing" ON "${t}" ("queue", "status", "parked_at" DESC)`,
    // A subject's letters: the purge's erasure (under the mirror's row lock) and the filter.
    `CREATE INDEX "ix_${t}_subject" ON "${t}" ("subject")`,
    // A redelivered copy of a message that is still parked is the same dead letter, not a new one.
    `CREATE UNIQUE INDEX "ux_${t}_parked_message" ON "${t}" ("queue", "message_id")
      WHERE "status" = 'parked'`,
  ];
}

export function dropDeadLetterTableDdl(): string[] {
  return [`DROP TABLE IF EXISTS "${DEAD_LETTER_TABLE}"`];
}
