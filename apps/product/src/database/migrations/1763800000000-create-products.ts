import type { MigrationInterface, QueryRunner } from 'typeorm';
import { outboxTableDdl } from '@app/outbox';
import { auditLogTableDdl } from '@app/audit';
import { productLifecycle } from '../../products/product.lifecycle';

export class CreateProducts1763800000000 implements MigrationInterface {
  name = 'CreateProducts1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "products" (
      "id" uuid PRIMARY KEY,
      "sku" text NOT NULL,
      "name" text NOT NULL,
      "description" text,
      "price_cents" integer NOT NULL CHECK ("price_cents" >= 0),
      "currency" char(3) NOT NULL,
      "status" text NOT NULL CHECK ("status" IN ('active', 'decommissioned')),
      "decommission_reason" text,
      "version" integer NOT NULL,
      "created_at" timestamptz NOT NULL,
      "updated_at" timestamptz NOT NULL,
      "updated_by" text NOT NULL
    )`);
    // A decommissioned product keeps its SKU but does not block a new product using it.
    await q.query(productLifecycle.partialUniqueIndexSql('products', ['sku']));
    await q.query(`CREATE INDEX "ix_products_status" ON "products" ("status")`);
    for (const sql of [...outboxTableDdl(), ...auditLogTableDdl()]) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE "audit_log"');
    await q.query('DROP TABLE "outbox_messages"');
    await q.query('DROP TABLE "products"');
  }
}
