import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { RetentionSweep } from '@app/retention';
import { AuditLogService } from './audit-log.service';
import { AUDIT_OPTIONS, type AuditModuleOptions } from './audit.options';

/**
 * Deletes audit rows past the retention, at start and then every `cleanupIntervalMs`. Without
 * a retention (the default) it never runs: the log is kept.
 */
@Injectable()
export class AuditRetention implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly sweep: RetentionSweep;

  constructor(@Inject(AUDIT_OPTIONS) options: AuditModuleOptions, auditLog: AuditLogService) {
    this.sweep = new RetentionSweep(
      {
        what: 'audit rows',
        retentionMs: options.retentionMs,
        intervalMs: options.cleanupIntervalMs,
      },
      (retentionMs, chunk) => auditLog.deleteOlderThan(retentionMs, chunk),
      AuditRetention.name,
    );
  }

  onApplicationBootstrap(): void {
    this.sweep.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.sweep.stop();
  }

  /** Returns how many rows were deleted; a failure is logged and tried again next time. */
  runOnce(): Promise<number> {
    return this.sweep.runOnce();
  }
}
