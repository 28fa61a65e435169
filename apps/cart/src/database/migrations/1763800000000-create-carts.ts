import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first schema, with the libs' tables as their DDL helpers wrote them then. Frozen: the SQL
 * below is what ran; a later schema change is a new migration (ADR 0015).
 */
export class CreateCarts1763800000000 implements MigrationInterface {
  name = 'CreateCarts1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "carts" (
      "customer_id" text PRIMARY KEY,
      "version" integer NOT NULL,
      "created_at" timestamptz NOT NULL,
      "updated_at" timestamptz NOT NULL
    )`);
    await q.query(`CREATE TABLE "cart_lines" (
      "customer_id" text NOT NULL REFERENCES "carts" ("customer_id"),
      "product_id" uuid NOT NULL,
      "status" text NOT NULL CHECK ("status" IN ('active', 'removed')),
      "quantity" integer NOT NULL CHECK ("quantity" >= 0),
      "product_name" text NOT NULL,
      "unit_price_cents" integer NOT NULL,
      "currency" char(3) NOT NULL,
      "updated_at" timestamptz NOT NULL,
      PRIMARY KEY ("customer_id", "product_id")
    )`);
    await q.query(`CREATE INDEX "ix_cart_lines_product" ON "cart_lines" ("product_id")`);
    // product_mirror, as productMirrorTableDdl() (@app/product-mirror) wrote it.
    await q.query(`CREATE TABLE "product_mirror" (
      "id" uuid PRIMARY KEY,
      "sku" text,
      "name" text,
      "description" text,
      "price_cents" integer,
      "currency" char(3),
      "status" text NOT NULL,
      "version" integer NOT NULL,
      "owner_updated_at" timestamptz,
      "mirrored_at" timestamptz NOT NULL DEFAULT now()
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
    // outbox_messages, as outboxTableDdl() (@app/outbox) wrote it.
    await q.query(`CREATE TABLE "outbox_messages" (
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
      -- An operator gave up on a dead letter: kept for the record, never published or cleaned up.
      "discarded_at" timestamptz,
      "discarded_by" text,
      -- A discarded row stays dead-lettered, so no pending predicate can ever pick it up again.
      CONSTRAINT "ck_outbox_messages_discarded_is_dead_lettered"
        CHECK ("discarded_at" IS NULL OR "dead_lettered_at" IS NOT NULL)
    )`);
    await q.query(`CREATE INDEX "ix_outbox_messages_pending" ON "outbox_messages" ("id") INCLUDE ("lane")
      WHERE "published_at" IS NULL AND "dead_lettered_at" IS NULL`);
    await q.query(`CREATE INDEX "ix_outbox_messages_backoff" ON "outbox_messages" ("aggregate_type", "aggregate_id", "id")
      WHERE "published_at" IS NULL AND "dead_lettered_at" IS NULL AND "next_attempt_at" IS NOT NULL`);
    await q.query(`CREATE INDEX "ix_outbox_messages_published_at" ON "outbox_messages" ("published_at")
      WHERE "published_at" IS NOT NULL`);
    await q.query(`CREATE INDEX "ix_outbox_messages_dead_lettered" ON "outbox_messages" ("dead_lettered_at", "id")
      WHERE "dead_lettered_at" IS NOT NULL`);
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
    for (const table of [
      'audit_log',
      'outbox_messages',
      'dead_letters',
      'inbox_messages',
      'product_mirror',
      'cart_lines',
      'carts',
    ]) {
      await q.query(`DROP TABLE "${table}"`);
    }
  }
}
