import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first schema, with the libs' tables as their DDL helpers wrote them then. Frozen: the SQL
 * below is what ran; a later schema change is a new migration (ADR 0015).
 */
export class CreateTracking1763800000000 implements MigrationInterface {
  name = 'CreateTracking1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "product_cart_counters" (
      "product_id" uuid PRIMARY KEY,
      "added" bigint NOT NULL DEFAULT 0 CHECK ("added" >= 0),
      "removed" bigint NOT NULL DEFAULT 0 CHECK ("removed" >= 0),
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    // inbox_messages and dead_letters, as inboxTableDdl() (@app/inbox) wrote them.
    await q.query(`CREATE TABLE "inbox_messages" (
      "consumer" text NOT NULL,
      "message_id" text NOT NULL,
      "event_type" text NOT NULL,
      "received_at" timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY ("consumer", "message_id")
    )`);
    await q.query(
      `CREATE INDEX "ix_inbox_messages_received_at" ON "inbox_messages" ("received_at")`,
    );
    await q.query(`CREATE TABLE "dead_letters" (
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
    )`);
    await q.query(
      `CREATE INDEX "ix_dead_letters_listing" ON "dead_letters" ("queue", "status", "parked_at" DESC)`,
    );
    await q.query(`CREATE UNIQUE INDEX "ux_dead_letters_parked_message" ON "dead_letters" ("queue", "message_id")
      WHERE "status" = 'parked'`);
    // audit_log, as auditLogTableDdl() (@app/audit) wrote it.
    await q.query(`CREATE TABLE "audit_log" (
      "id" bigserial PRIMARY KEY,
      "at" timestamptz NOT NULL DEFAULT now(),
      "actor" text NOT NULL,
      "action" text NOT NULL,
      "entity_type" text NOT NULL,
      "entity_id" text NOT NULL,
      "details" jsonb NOT NULL DEFAULT '{}'::jsonb
    )`);
    await q.query(
      `CREATE INDEX "ix_audit_log_entity" ON "audit_log" ("entity_type", "entity_id", "at")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['audit_log', 'dead_letters', 'inbox_messages', 'product_cart_counters']) {
      await q.query(`DROP TABLE "${table}"`);
    }
  }
}
