import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dead letters of a subject by index, as in every service: here for the operators' filter
 * (ADR 0020). Frozen: the SQL below is what ran (ADR 0015).
 */
export class IndexErasureLookups1765000000000 implements MigrationInterface {
  name = 'IndexErasureLookups1765000000000';

  async up(q: QueryRunner): Promise<void> {
    // IF NOT EXISTS: a large table may have had the index built CONCURRENTLY by hand first.
    // ix_dead_letters_subject, as inboxTableDdl() (@app/inbox) writes it.
    await q.query(
      `CREATE INDEX IF NOT EXISTS "ix_dead_letters_subject" ON "dead_letters" ("subject")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_dead_letters_subject"`);
  }
}
