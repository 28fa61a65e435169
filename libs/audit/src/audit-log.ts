import type { EntityManager } from 'typeorm';

export const AUDIT_LOG_TABLE = 'audit_log';

/**
 * The current DDL of the audit log (who changed what, written in the transaction of the
 * change): paste its output into a migration, never call it from one (ADR 0015).
 */
export function auditLogTableDdl(): string[] {
  return [
    `CREATE TABLE "${AUDIT_LOG_TABLE}" (
      "id" bigserial PRIMARY KEY,
      "at" timestamptz NOT NULL DEFAULT now(),
      "actor" text NOT NULL,
      "action" text NOT NULL,
      "entity_type" text NOT NULL,
      "entity_id" text NOT NULL,
      "details" jsonb NOT NULL DEFAULT '{}'::jsonb
    )`,
    `CREATE INDEX "ix_${AUDIT_LOG_TABLE}_entity" ON "${AUDIT_LOG_TABLE}" ("entity_type", "entity_id", "at")`,
    // A time range in the admin listing, and retention's oldest rows first.
    `CREATE INDEX "ix_${AUDIT_LOG_TABLE}_at" ON "${AUDIT_LOG_TABLE}" ("at")`,
  ];
}

export interface AuditEntry {
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  details?: Record<string, unknown>;
}

export async function recordAudit(manager: EntityManager, entry: AuditEntry): Promise<void> {
  await recordAudits(manager, [entry]);
}

/** Several entries in one statement, in the caller's transaction (a bulk operator action). */
export async function recordAudits(manager: EntityManager, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await manager.query(
    `INSERT INTO "${AUDIT_LOG_TABLE}" ("actor", "action", "entity_type", "entity_id", "details")
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[])`,
    [
      entries.map((e) => e.actor),
      entries.map((e) => e.action),
      entries.map((e) => e.entityType),
      entries.map((e) => e.entityId),
      entries.map((e) => JSON.stringify(e.details ?? {})),
    ],
  );
}
