import {
  ConflictException,
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { recordAudit } from '@app/audit';
import { MirrorReconciler } from './mirror-reconciler';
import { MirrorSeeder } from './mirror-seeder';
import { MirrorSyncState } from './mirror-sync-state';
import {
  registerMirrorSyncStatus,
  type DriftCounts,
  type MirrorSyncStatus,
} from './mirror-sync-status';
import { MIRROR_SYNC_OPTIONS, type MirrorSyncOptions } from './mirror-sync.options';
import type { ReconcileResult } from './mirror-sync.types';
import { withSessionLock } from './session-lock';

/** Actor of the runs the schedule starts, in the audit log. */
export const SCHEDULED_RUN_ACTOR = 'mirror-sync schedule';

/**
 * Keeps one mirror provably in step with its owner: seeds it once its consumer is subscribed
 * (one instance at a time, resumable), then reconciles it on a jittered schedule and on demand,
 * auditing every run.
 */
@Injectable()
export class MirrorSync implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger: Logger;
  private readonly seeder: MirrorSeeder<unknown>;
  private readonly reconciler: MirrorReconciler<unknown>;
  private readonly state: MirrorSyncState;
  private readonly reconcileStatus: MirrorSyncStatus['reconcile'] = {
    running: false,
    runs: 0,
    lastSuccessAt: null,
    lastResult: null,
    lastError: null,
    drift: { missing: 0, stale: 0, ahead: 0, orphaned: 0 },
  };
  private stopping = false;
  private wake?: () => void;
  private loop?: Promise<void>;
  private unregister?: () => void;

  constructor(
    @Inject(MIRROR_SYNC_OPTIONS) private readonly options: MirrorSyncOptions,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.logger = new Logger(`MirrorSync:${options.target.name}`);
    this.state = new MirrorSyncState(dataSource);
    this.seeder = new MirrorSeeder(
      dataSource,
      options.source,
      options.target,
      this.state,
      this.logger,
      options.seed,
    );
    this.reconciler = new MirrorReconciler(
      dataSource,
      options.source,
      options.target,
      options.reconcile,
    );
  }

  get name(): string {
    return this.options.target.name;
  }

  status(): MirrorSyncStatus {
    return {
      mirror: this.name,
      seed: { ...this.seeder.progress },
      reconcile: { ...this.reconcileStatus, drift: { ...this.reconcileStatus.drift } },
      owner: this.options.source.traffic ? { ...this.options.source.traffic } : null,
    };
  }

  onApplicationBootstrap(): void {
    this.unregister = registerMirrorSyncStatus(() => this.status());
    this.loop = this.keepInSync().catch((err: unknown) => {
      this.logger.error(`mirror sync stopped: ${String(err)}`);
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    this.unregister?.();
  }

  /**
   * Runs a reconcile now, unless another instance is running one (409). Audited with `actor`,
   * together with the run's result.
   */
  async reconcile(actor: string): Promise<ReconcileResult> {
    this.reconcileStatus.running = true;
    try {
      const outcome = await withSessionLock(this.dataSource, this.lockName('reconcile'), () =>
        this.reconciler.run(),
      );
      if (!outcome) throw new ConflictException(`a ${this.name} mirror reconcile is running`);
      const result = outcome.value;
      await this.dataSource.transaction(async (manager) => {
        await this.state.recordReconcile(manager, this.name, result);
        await recordAudit(manager, {
          actor,
          action: 'mirror.reconciled',
          entityType: 'mirror',
          entityId: this.name,
          details: { ...result },
        });
      });
      this.recordSuccess(result);
      return result;
    } catch (err) {
      if (!(err instanceof ConflictException)) this.reconcileStatus.lastError = String(err);
      throw err;
    } finally {
      this.reconcileStatus.running = false;
    }
  }

  private recordSuccess(result: ReconcileResult): void {
    const status = this.reconcileStatus;
    status.runs++;
    status.lastSuccessAt = new Date().toISOString();
    status.lastResult = result;
    status.lastError = null;
    for (const kind of Object.keys(status.drift) as (keyof DriftCounts)[]) {
      status.drift[kind] += result[kind];
    }
    const drift = result.missing + result.stale + result.ahead + result.orphaned;
    const log = `reconciled the ${this.name} mirror: ${JSON.stringify(result)}`;
    if (drift > 0) this.logger.warn(log);
    else this.logger.log(log);
  }

  private async keepInSync(): Promise<void> {
    while (!this.stopping && !(this.options.subscribed?.() ?? true)) await this.sleep(100);
    if (this.options.seed?.enabled ?? true) await this.seed();
    const interval = this.options.reconcile?.intervalMs ?? 15 * 60_000;
    if (interval <= 0) return;
    const jitter = this.options.reconcile?.jitter ?? 0.2;
    while (!this.stopping) {
      await this.sleep(interval * (1 + jitter * (2 * Math.random() - 1)));
      if (this.stopping) return;
      await this.reconcile(SCHEDULED_RUN_ACTOR).catch((err: unknown) => {
        if (err instanceof ConflictException) return; // another instance runs it
        this.logger.warn(`scheduled reconcile failed: ${String(err)}`);
      });
    }
  }

  /** Seeds unless some instance finished a seed; waits while another one is seeding. */
  private async seed(): Promise<void> {
    const retry = this.options.retryDelayMs ?? 5_000;
    while (!this.stopping) {
      try {
        if (await this.seeder.isSeeded()) {
          this.seeder.progress.state = 'done';
          return;
        }
        const outcome = await withSessionLock(this.dataSource, this.lockName('seed'), () =>
          this.seeder.run(() => this.stopping),
        );
        if (outcome?.value === 'done') return;
        if (!outcome) this.seeder.progress.state = 'waiting';
      } catch (err) {
        this.seeder.progress.lastError = String(err);
        this.logger.warn(`seeding the ${this.name} mirror failed, retrying: ${String(err)}`);
      }
      await this.sleep(retry);
    }
  }

  private lockName(purpose: string): string {
    return `mirror-sync:${purpose}:${this.name}`;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
