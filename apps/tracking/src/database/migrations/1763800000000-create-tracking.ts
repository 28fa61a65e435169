import type { MigrationInterface, QueryRunner } from 'typeorm';
import { auditLogTableDdl } from '@app/audit';
import { inboxTableDdl } from '@app/inbox';

export class CreateTracking1763800000000 implements MigrationInterface {
  name = 'CreateTracking1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "product_cart_counters" (
      "product_id" uuid PRIMARY KEY,
      "added" bigint NOT NULL DEFAULT 0 CHECK ("added" >= 0),
      "removed" bigint NOT NULL DEFAULT 0 CHECK ("removed" >= 0),
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    for (const sql of [...inboxTableDdl(), ...auditLogTableDdl()]) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['audit_log', 'dead_letters', 'inbox_messages', 'product_cart_counters']) {
      await q.query(`DROP TABLE "${table}"`);
    }
  }
}
