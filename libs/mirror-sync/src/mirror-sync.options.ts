import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { ReconcilerOptions } from './mirror-reconciler';
import type { SeederOptions } from './mirror-seeder';
import type { MirrorSource, MirrorTarget } from './mirror-sync.types';

export interface MirrorSyncOptions<T = unknown> {
  /** The owner (usually `HttpMirrorSource`). */
  source: MirrorSource<T>;
  /** The local mirror table. */
  target: MirrorTarget<T>;
  /** Seeding waits until this holds: the mirror's consumer is subscribed, so events come first. */
  subscribed?: () => boolean;
  seed?: SeederOptions & {
    /** Seed a mirror that never finished a seed (default true). */
    enabled?: boolean;
  };
  reconcile?: ReconcilerOptions & {
    /** Mean time between scheduled runs; 0 turns the schedule off (default 15 min). */
    intervalMs?: number;
    /** Each wait is the interval ± this fraction of it, at random (default 0.2). */
    jitter?: number;
  };
  /** Pause before trying again after the owner failed a seed (default 5 s). */
  retryDelayMs?: number;
}

export const {
  ConfigurableModuleClass: ConfigurableMirrorSyncModule,
  MODULE_OPTIONS_TOKEN: MIRROR_SYNC_OPTIONS,
} = new ConfigurableModuleBuilder<MirrorSyncOptions>().setClassMethodName('forRoot').build();
