export { auditLogTableDdl, AUDIT_LOG_TABLE, recordAudit, type AuditEntry } from './audit-log';
