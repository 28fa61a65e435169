import { Module } from '@nestjs/common';
import { AuditLogController } from './audit-log.controller';
import { AuditLogService } from './audit-log.service';
import { AuditRetention } from './audit-retention';
import { ConfigurableAuditModule } from './audit.options';

/**
 * The audit log for admins (`GET /admin/audit`) and its retention. Needs the service's TypeORM
 * DataSource and its `audit_log` table; writers keep calling `recordAudit` in their transaction.
 */
@Module({
  controllers: [AuditLogController],
  providers: [AuditLogService, AuditRetention],
  exports: [AuditLogService, AuditRetention],
})
export class AuditModule extends ConfigurableAuditModule {}
