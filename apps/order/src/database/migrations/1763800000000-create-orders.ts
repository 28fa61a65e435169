import type { MigrationInterface, QueryRunner } from 'typeorm';
import { inboxTableDdl } from '@app/inbox';
import { outboxTableDdl } from '@app/outbox';
import { productMirrorTableDdl } from '@app/product-mirror';
import { auditLogTableDdl } from '@app/audit';

export class CreateOrders1763800000000 implements MigrationInterface {
  name = 'CreateOrders1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "orders" (
      "id" uuid PRIMARY KEY,
      "customer_id" text NOT NULL,
      "status" text NOT NULL CHECK ("status" IN ('placed', 'cancelled')),
      "total_cents" integer NOT NULL,
      "currency" char(3) NOT NULL,
      "version" integer NOT NULL,
      "cancel_reason" text,
      "placed_at" timestamptz NOT NULL,
      "updated_at" timestamptz NOT NULL
    )`);
    await q.query(`CREATE INDEX "ix_orders_customer" ON "orders" ("customer_id", "placed_at")`);
    await q.query(`CREATE TABLE "order_lines" (
      "order_id" uuid NOT NULL REFERENCES "orders" ("id"),
      "line_no" integer NOT NULL,
      "product_id" uuid NOT NULL,
      "product_sku" text NOT NULL,
      "product_name" text NOT NULL,
      "product_version" integer NOT NULL,
      "unit_price_cents" integer NOT NULL,
      "currency" char(3) NOT NULL,
      "quantity" integer NOT NULL CHECK ("quantity" > 0),
      "line_total_cents" integer NOT NULL,
      PRIMARY KEY ("order_id", "line_no")
    )`);
    await q.query(`CREATE INDEX "ix_order_lines_product" ON "order_lines" ("product_id")`);
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
      'order_lines',
      'orders',
    ]) {
      await q.query(`DROP TABLE "${table}"`);
    }
  }
}
