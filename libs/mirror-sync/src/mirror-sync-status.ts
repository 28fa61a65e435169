import type { SeedProgress } from './mirror-seeder';
import type { ReconcileResult, SourceTraffic } from './mirror-sync.types';

/** Drift a process's reconcile runs have found since it started, by kind. */
export interface DriftCounts {
  missing: number;
  stale: number;
  ahead: number;
  orphaned: number;
}

/** What `/admin/health` and `/metrics` show of one mirror. */
export interface MirrorSyncStatus {
  mirror: string;
  seed: SeedProgress;
  reconcile: {
    running: boolean;
    runs: number;
    lastSuccessAt: string | null;
    lastResult: ReconcileResult | null;
    lastError: string | null;
    drift: DriftCounts;
  };
  /** What this process has read from the owner since it started (seeds, reconciles), if counted. */
  owner: SourceTraffic | null;
}

const sources = new Set<() => MirrorSyncStatus>();

/** Every mirror kept in sync by this process. */
export function mirrorSyncStatuses(): MirrorSyncStatus[] {
  return [...sources].map((read) => read());
}

export function registerMirrorSyncStatus(read: () => MirrorSyncStatus): () => void {
  sources.add(read);
  return () => sources.delete(read);
}
