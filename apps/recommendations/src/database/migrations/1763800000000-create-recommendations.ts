import type { MigrationInterface, QueryRunner } from 'typeorm';
import { auditLogTableDdl } from '@app/audit';
import { inboxTableDdl } from '@app/inbox';
import { productMirrorTableDdl } from '@app/product-mirror';

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
    const ddl = [...productMirrorTableDdl(), ...inboxTableDdl(), ...auditLogTableDdl()];
    for (const sql of ddl) await q.query(sql);
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
