import { Gauge, type Registry } from 'prom-client';
import { readQueueDepths, type ConsumerQueueNames } from '@app/amqp';
import { metricName } from '@app/metrics';
import { runningConsumers } from './consumer-registry';

/** A reading serves every scrape within this long, so scrapers cannot flood the broker. */
const READING_TTL_MS = 5_000;
/** A broker slower than this leaves the depths out of the scrape rather than delay it. */
const READING_TIMEOUT_MS = 1_000;

interface DepthSample {
  queue: string;
  kind: 'main' | 'retry' | 'dead_letter';
  messages: number;
}

let last: { at: number; samples: Promise<DepthSample[]> } | undefined;

/**
 * `safe_deletion_consumer_queue_messages{queue,kind}`: ready messages in each consumer's queue
 * (`main`), its retry queue (`retry`) and its dead-letter queue (`dead_letter`, emptied by the
 * parker as it parks), read from the broker with passive declarations at scrape time.
 */
export function registerQueueDepthMetrics(registry: Registry): void {
  new Gauge({
    name: metricName('consumer_queue_messages'),
    help: "ready messages in a consumer's main, retry and dead-letter queues, read from the broker",
    labelNames: ['queue', 'kind'],
    registers: [registry],
    async collect() {
      const samples = await cachedDepths();
      this.reset();
      for (const { queue, kind, messages } of samples) this.set({ queue, kind }, messages);
    },
  });
}

function cachedDepths(): Promise<DepthSample[]> {
  if (!last || Date.now() - last.at > READING_TTL_MS) {
    last = { at: Date.now(), samples: readDepths() };
  }
  return last.samples;
}

async function readDepths(): Promise<DepthSample[]> {
  const readings = runningConsumers().map(async (consumer) => {
    const names = consumer.queues;
    if (!names) return [];
    const depths = await readQueueDepths(
      consumer.connection,
      [names.queue, names.retryQueue, names.deadLetterQueue],
      READING_TIMEOUT_MS,
    );
    return samplesOf(names, depths);
  });
  return (await Promise.all(readings)).flat();
}

function samplesOf(names: ConsumerQueueNames, depths: Map<string, number>): DepthSample[] {
  const kinds = [
    [names.queue, 'main'],
    [names.retryQueue, 'retry'],
    [names.deadLetterQueue, 'dead_letter'],
  ] as const;
  return kinds.flatMap(([name, kind]) => {
    const messages = depths.get(name);
    return messages === undefined ? [] : [{ queue: names.queue, kind, messages }];
  });
}
