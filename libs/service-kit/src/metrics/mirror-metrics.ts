import { Gauge, type Registry } from 'prom-client';
import { metricName, runningTotalCounter } from '@app/metrics';
import { mirrorSyncStatuses, type DriftCounts } from '@app/mirror-sync';

/** Drift found, last successful run, its duration and seed progress of every synced mirror. */
export function registerMirrorMetrics(registry: Registry): void {
  runningTotalCounter({
    registry,
    name: metricName('mirror_drift_total'),
    help: 'differences reconcile runs of this process found between a mirror and its owner, by kind',
    labelNames: ['mirror', 'kind'],
    read: () =>
      mirrorSyncStatuses().flatMap(({ mirror, reconcile }) =>
        (Object.entries(reconcile.drift) as [keyof DriftCounts, number][]).map(
          ([kind, count]) => [{ mirror, kind }, count] as const,
        ),
      ),
  });
  const gauge = (
    name: string,
    help: string,
    read: (s: ReturnType<typeof mirrorSyncStatuses>[number]) => number | null,
  ): void => {
    new Gauge({
      name: metricName(name),
      help,
      labelNames: ['mirror'],
      registers: [registry],
      collect() {
        for (const status of mirrorSyncStatuses()) {
          const value = read(status);
          if (value !== null) this.set({ mirror: status.mirror }, value);
        }
      },
    });
  };
  gauge(
    'mirror_reconcile_last_success_timestamp_seconds',
    'when the last reconcile run of this process succeeded',
    (s) => (s.reconcile.lastSuccessAt ? Date.parse(s.reconcile.lastSuccessAt) / 1000 : null),
  );
  gauge(
    'mirror_reconcile_last_duration_seconds',
    'how long the last successful reconcile run of this process took',
    (s) => (s.reconcile.lastResult ? s.reconcile.lastResult.durationMs / 1000 : null),
  );
  gauge(
    'mirror_seed_remaining',
    'entries a running seed still has to apply (0 once seeded)',
    (s) => s.seed.remaining,
  );
}
