import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first schema, with the libs' tables as their DDL helpers wrote them then. Frozen: the SQL
 * below is what ran; a later schema change is a new migration (ADR 0015).
 */
export class CreateRecommendations1763800000000 implements MigrationInterface {
  name = 'CreateRecommendations1763800000000';

  async up(q: QueryRunner): Promise<void> {
    // One row per ordered pair and direction: how many counted orders held both products.
    await q.query(`CREATE TABLE "co_purchases" (
      "product_id" uuid NOT NULL,
      "other_product_id" uuid NOT NULL,
      "orders" integer NOT NULL CHECK ("orders" >= 0),
      PRIMARY KEY ("product_id", "other_product_id"),
      CHECK ("product_id" <> "other_product_id")
    )`);
    await q.query(`CREATE INDEX "ix_co_purchases_ranking"
      ON "co_purchases" ("product_id", "orders" DESC, "other_product_id")`);
    // What each order contributed, so placed and cancelled apply exactly once, in any order.
    await q.query(`CREATE TABLE "order_contributions" (
      "order_id" uuid PRIMARY KEY,
      "product_ids" uuid[] NOT NULL,
      "status" text NOT NULL CHECK ("status" IN ('placed', 'cancelled')),
      "version" integer NOT NULL,
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
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
      'dead_letters',
      'inbox_messages',
      'product_mirror',
      'order_contributions',
      'co_purchases',
    ]) {
      await q.query(`DROP TABLE "${table}"`);
    }
  }
}
