import type { MigrationInterface, QueryRunner } from 'typeorm';
import { inboxTableDdl } from '@app/inbox';
import { productMirrorTableDdl } from '@app/product-mirror';
import { auditLogTableDdl } from '@app/audit';

export class CreateCatalogs1763800000000 implements MigrationInterface {
  name = 'CreateCatalogs1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "catalogs" (
      "id" uuid PRIMARY KEY,
      "name" text NOT NULL,
      "medium" text NOT NULL,
      "version" integer NOT NULL,
      "created_at" timestamptz NOT NULL,
      "updated_at" timestamptz NOT NULL,
      "updated_by" text NOT NULL
    )`);
    await q.query(`CREATE TABLE "catalog_entries" (
      "catalog_id" uuid NOT NULL REFERENCES "catalogs" ("id"),
      "product_id" uuid NOT NULL,
      "status" text NOT NULL CHECK ("status" IN ('published', 'withdrawn')),
      "changed_at" timestamptz NOT NULL,
      "changed_by" text NOT NULL,
      PRIMARY KEY ("catalog_id", "product_id")
    )`);
    await q.query(`CREATE INDEX "ix_catalog_entries_product" ON "catalog_entries" ("product_id")`);
    const ddl = [...productMirrorTableDdl(), ...inboxTableDdl(), ...auditLogTableDdl()];
    for (const sql of ddl) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'audit_log',
      'dead_letters',
      'inbox_messages',
      'product_mirror',
      'catalog_entries',
      'catalogs',
    ]) {
      await q.query(`DROP TABLE "${table}"`);
    }
  }
}
