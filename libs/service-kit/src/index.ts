export { Actor, AdminOnly } from './auth/admin.decorator';
export { AdminGuard, type AuthenticatedRequest } from './auth/admin.guard';
export { DEV_JWT_SECRET, jwtSecret, signToken, verifyToken, type TokenClaims } from './auth/jwt';
export { bootstrapService, configureHttp, type ServiceDescription } from './bootstrap-service';
export { DomainExceptionFilter } from './errors/domain-exception.filter';
export { strictValidationPipe } from './errors/validation.pipe';
export { OperationsModule } from './operations.module';
export {
  auditLogTableDdl,
  AUDIT_LOG_TABLE,
  recordAudit,
  type AuditEntry,
} from './database/audit-log';
export { ensureDatabase } from './database/ensure-database';
export { runMigrations } from './database/run-migrations';
export { serviceInfrastructure, type ServiceInfrastructure } from './service-infrastructure';
export { runMain, startService, type ServiceLaunch } from './start-service';
