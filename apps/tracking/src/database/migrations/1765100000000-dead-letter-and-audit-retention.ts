import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * For the retention of operator records: an index on the audit log's time for its admin
 * listing and retention. Frozen: the SQL below is what ran (ADR 0015).
 */
export class DeadLetterAndAuditRetention1765100000000 implements MigrationInterface {
  name = 'DeadLetterAndAuditRetention1765100000000';

  async up(q: QueryRunner): Promise<void> {
    // ix_audit_log_at, as auditLogTableDdl() (@app/audit) writes it. IF NOT EXISTS: a large
    // table may have had the index built CONCURRENTLY by hand first.
    await q.query(`CREATE INDEX IF NOT EXISTS "ix_audit_log_at" ON "audit_log" ("at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_audit_log_at"`);
  }
}
