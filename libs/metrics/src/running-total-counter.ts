import { Counter, type Registry } from 'prom-client';

/** One series of a running total: its labels and the total so far. */
export type RunningTotal = readonly [labels: Record<string, string>, total: number];

/**
 * A Prometheus counter fed at scrape time from totals kept elsewhere (a relay's or a consumer's
 * counts since start): each scrape adds what the total grew by since the last one.
 */
export function runningTotalCounter(options: {
  registry: Registry;
  name: string;
  help: string;
  labelNames?: string[];
  read: () => RunningTotal[];
}): Counter {
  const reported = new Map<string, number>();
  return new Counter({
    name: options.name,
    help: options.help,
    labelNames: options.labelNames ?? [],
    registers: [options.registry],
    collect() {
      for (const [labels, total] of options.read()) {
        const key = JSON.stringify(labels);
        const before = reported.get(key) ?? 0;
        // inc(0) still creates the series, so a total that never moved shows as 0; a total that
        // went back (its owner restarted in this process) counts again from there.
        this.inc(labels, total > before ? total - before : 0);
        reported.set(key, total);
      }
    },
  });
}
