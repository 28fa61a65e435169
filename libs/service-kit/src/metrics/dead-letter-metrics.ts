import { Logger } from '@nestjs/common';
import { Gauge, type Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { DeadLetterStore } from '@app/dead-letters';
import { consumerStatuses } from '@app/inbox';
import { metricName } from '@app/metrics';

/**
 * `safe_deletion_consumer_dead_letters_parked{queue}`: parked dead letters of each consumer
 * queue of the process, counted in the service's `dead_letters` table at scrape time. A failed
 * count leaves the gauge empty for that scrape rather than stale.
 */
export function registerDeadLetterMetrics(registry: Registry, dataSource: DataSource): void {
  const logger = new Logger('DeadLetterMetrics');
  const store = new DeadLetterStore(dataSource);
  new Gauge({
    name: metricName('consumer_dead_letters_parked'),
    help: 'parked dead letters of a consumer queue, waiting for requeue or discard',
    labelNames: ['queue'],
    registers: [registry],
    async collect() {
      this.reset();
      const queues = consumerStatuses().map((c) => c.queue);
      if (queues.length === 0) return;
      try {
        for (const [queue, parked] of await store.countParked(queues)) this.set({ queue }, parked);
      } catch (err) {
        logger.warn(`could not count parked dead letters: ${String(err)}`);
      }
    },
  });
}
