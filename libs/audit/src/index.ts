export {
  auditLogTableDdl,
  AUDIT_LOG_TABLE,
  recordAudit,
  recordAudits,
  type AuditEntry,
} from './audit-log';
export {
  AuditLogService,
  type AuditPage,
  type AuditQuery,
  type AuditRecord,
} from './audit-log.service';
export { AuditModule } from './audit.module';
export type { AuditModuleOptions } from './audit.options';
export { AuditRetention } from './audit-retention';
