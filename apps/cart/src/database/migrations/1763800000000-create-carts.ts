import type { MigrationInterface, QueryRunner } from 'typeorm';
import { auditLogTableDdl } from '@app/audit';
import { inboxTableDdl } from '@app/inbox';
import { outboxTableDdl } from '@app/outbox';
import { productMirrorTableDdl } from '@app/product-mirror';

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
    const ddl = [
      ...productMirrorTableDdl(),
      ...inboxTableDdl(),
      ...outboxTableDdl(),
      ...auditLogTableDdl(),
    ];
    for (const sql of ddl) await q.query(sql);
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
