import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * A registry for one process with prom-client's process and Node.js metrics, under their
 * standard names (`process_cpu_seconds_total`, `nodejs_eventloop_lag_seconds`, ...).
 */
export function createProcessRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}
