import { auditLogTableDdl } from '@app/audit';
import { deadLetterTableDdl } from '@app/dead-letters';
import { inboxTableDdl } from '@app/inbox';
import { mirrorSyncStateTableDdl, purgeLedgerTableDdl } from '@app/mirror-sync';
import { outboxTableDdl } from '@app/outbox';
import { productMirrorTableDdl } from '@app/product-mirror';

/**
 * The libs that own tables, each with the DDL helper that states its current schema (default
 * table names). Never called from a migration: a migration pastes what they print (ADR 0015).
 */
export const LIB_SCHEMAS = {
  outbox: () => outboxTableDdl(),
  inbox: () => inboxTableDdl(),
  'dead-letters': () => deadLetterTableDdl(),
  'product-mirror': () => productMirrorTableDdl(),
  'mirror-sync': () => mirrorSyncStateTableDdl(),
  audit: () => auditLogTableDdl(),
  'purge-ledger': () => purgeLedgerTableDdl(),
} satisfies Record<string, () => string[]>;

export type LibWithSchema = keyof typeof LIB_SCHEMAS;

export function isLibWithSchema(name: string): name is LibWithSchema {
  return Object.hasOwn(LIB_SCHEMAS, name);
}
