import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the lookups a purge makes under a row lock: the outbox's rows of an aggregate
 * and the dead letters of a subject (ADR 0020). Frozen: the SQL below is what ran (ADR 0015).
 */
export class IndexErasureLookups1765000000000 implements MigrationInterface {
  name = 'IndexErasureLookups1765000000000';

  async up(q: QueryRunner): Promise<void> {
    // IF NOT EXISTS: a large table may have had the index built CONCURRENTLY by hand first.
    // ix_outbox_messages_aggregate, as outboxTableDdl() (@app/outbox) writes it.
    await q.query(
      `CREATE INDEX IF NOT EXISTS "ix_outbox_messages_aggregate" ON "outbox_messages" ("aggregate_type", "aggregate_id")`,
    );
    // ix_dead_letters_subject, as inboxTableDdl() (@app/inbox) writes it.
    await q.query(
      `CREATE INDEX IF NOT EXISTS "ix_dead_letters_subject" ON "dead_letters" ("subject")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_dead_letters_subject"`);
    await q.query(`DROP INDEX "ix_outbox_messages_aggregate"`);
  }
}
