import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { AuditLogService } from './audit-log.service';
import { AUDIT_OPTIONS, type AuditModuleOptions } from './audit.options';

const CHUNK = 5_000;

/**
 * Deletes audit rows past the retention, 5,000 per statement, at start and then every
 * `cleanupIntervalMs`. Without a retention (the default) it never runs: the log is kept.
 */
@Injectable()
export class AuditRetention implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AuditRetention.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    @Inject(AUDIT_OPTIONS) private readonly options: AuditModuleOptions,
    private readonly auditLog: AuditLogService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.options.retentionMs) return;
    this.logger.log(`deleting audit rows older than ${this.options.retentionMs} ms`);
    void this.runOnce();
    this.timer = setInterval(() => void this.runOnce(), this.options.cleanupIntervalMs ?? 600_000);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Returns how many rows were deleted; a failure is logged and tried again next time. */
  runOnce(): Promise<number> {
    this.running ??= this.sweep().finally(() => (this.running = undefined));
    return this.running;
  }

  private async sweep(): Promise<number> {
    const retentionMs = this.options.retentionMs ?? 0;
    if (retentionMs <= 0) return 0;
    let total = 0;
    try {
      for (;;) {
        const deleted = await this.auditLog.deleteOlderThan(retentionMs, CHUNK);
        total += deleted;
        if (deleted < CHUNK) break;
      }
      if (total > 0) this.logger.log(`deleted ${total} audit rows past their retention`);
    } catch (err) {
      this.logger.warn(`audit cleanup failed: ${String(err)}`);
    }
    return total;
  }
}
