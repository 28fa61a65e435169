import { Logger } from '@nestjs/common';
import { Gauge, type Registry } from 'prom-client';
import { metricName } from '@app/metrics';
import { overduePurges } from '@app/mirror-sync';

/**
 * `safe_deletion_purges_incomplete{aggregate_type}`: purges older than their receipt deadline that still
 * lack a mirror's receipt, counted in the database at scrape time (services with a purge
 * ledger only). A failed count leaves the gauge empty for that scrape rather than stale.
 */
export function registerPurgeMetrics(registry: Registry): void {
  const logger = new Logger('PurgeMetrics');
  new Gauge({
    name: metricName('purges_incomplete'),
    help: 'purges older than the receipt deadline still missing a receipt from a mirror',
    labelNames: ['aggregate_type'],
    registers: [registry],
    async collect() {
      this.reset();
      try {
        for (const { aggregateType, count } of await overduePurges()) {
          this.set({ aggregate_type: aggregateType }, count);
        }
      } catch (err) {
        logger.warn(`could not count incomplete purges: ${String(err)}`);
      }
    },
  });
}
