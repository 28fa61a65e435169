import type { EventConsumer } from './event-consumer';
import type { ConsumerStatus } from './event-consumer.options';

const running = new Set<EventConsumer>();

/** Marks a consumer as started (false if it already was) or stopped. */
export function registerConsumer(consumer: EventConsumer): boolean {
  if (running.has(consumer)) return false;
  running.add(consumer);
  return true;
}

export function unregisterConsumer(consumer: EventConsumer): void {
  running.delete(consumer);
}

/** Every consumer started in this process, for `/health` and `/admin/health`. */
export function consumerStatuses(): ConsumerStatus[] {
  return [...running].map((c) => c.status());
}

/** The consumers themselves, for the metrics that read their queues. */
export function runningConsumers(): readonly EventConsumer[] {
  return [...running];
}
