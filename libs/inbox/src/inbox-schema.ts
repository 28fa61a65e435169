/** Default inbox table name; one inbox per service database, keyed by consumer and message id. */
export const DEFAULT_INBOX_TABLE = 'inbox_messages';

/**
 * The current DDL of the inbox table, for tests and for writing a migration: paste its output
 * into the migration, never call it from one (ADR 0015). The dead letters its consumers give up
 * on are parked in `@app/dead-letters`' table.
 */
export function inboxTableDdl(table = DEFAULT_INBOX_TABLE): string[] {
  return [
    `CREATE TABLE "${table}" (
      "consumer" text NOT NULL,
      "message_id" text NOT NULL,
      "event_type" text NOT NULL,
      "received_at" timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY ("consumer", "message_id")
    )`,
    `CREATE INDEX "ix_${table}_received_at" ON "${table}" ("received_at")`,
  ];
}

export function dropInboxTableDdl(table = DEFAULT_INBOX_TABLE): string[] {
  return [`DROP TABLE IF EXISTS "${table}"`];
}
