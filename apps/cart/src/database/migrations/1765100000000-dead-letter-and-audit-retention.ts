import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * For the one dead-letter API and the retention of operator records: the reason kept with a
 * discarded outbox dead letter, and an index on the audit log's time for its admin listing and
 * retention. Frozen: the SQL below is what ran (ADR 0015).
 */
export class DeadLetterAndAuditRetention1765100000000 implements MigrationInterface {
  name = 'DeadLetterAndAuditRetention1765100000000';

  async up(q: QueryRunner): Promise<void> {
    // discard_reason, as outboxTableDdl() (@app/outbox) writes it: the reason a dead letter was
    // discarded, shown with it (before, only the audit log kept it).
    await q.query(`ALTER TABLE "outbox_messages" ADD COLUMN "discard_reason" text`);
    // ix_audit_log_at, as auditLogTableDdl() (@app/audit) writes it. IF NOT EXISTS: a large
    // table may have had the index built CONCURRENTLY by hand first.
    await q.query(`CREATE INDEX IF NOT EXISTS "ix_audit_log_at" ON "audit_log" ("at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_audit_log_at"`);
    await q.query(`ALTER TABLE "outbox_messages" DROP COLUMN "discard_reason"`);
  }
}
