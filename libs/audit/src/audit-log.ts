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
  await manager.query(
    `INSERT INTO "${AUDIT_LOG_TABLE}" ("actor", "action", "entity_type", "entity_id", "details")
     VALUES ($1, $2, $3, $4, $5)`,
    [
      entry.actor,
      entry.action,
      entry.entityType,
      entry.entityId,
      JSON.stringify(entry.details ?? {}),
    ],
  );
}
