import type { Channel } from 'amqplib';

/** Names of everything one consumer queue needs: `<consumer>.<producer>` plus retry and DLQ. */
export interface ConsumerQueueNames {
  queue: string;
  retryQueue: string;
  deadLetterQueue: string;
}

export interface ConsumerTopology {
  /** Stable kebab-case consumer name, e.g. `catalog`. Never change it once deployed. */
  consumer: string;
  /** Producing service, e.g. `product`; its exchange is `<producer>.events`. */
  producer: string;
  /** Binding patterns on the producer's exchange; defaults to every event of the producer. */
  bindings?: string[];
  /** Broker-side redelivery bound for crash loops (quorum `x-delivery-limit`). */
  deliveryLimit?: number;
}

/** The durable topic exchange a service publishes its events to. */
export function eventsExchange(producer: string): string {
  return `${producer}.events`;
}

export function consumerQueueNames(consumer: string, producer: string): ConsumerQueueNames {
  const queue = `${consumer}.${producer}`;
  // `.retry.quorum`, not `.retry`: the classic `.retry` of earlier versions cannot be redeclared
  // as a quorum queue (PRECONDITION_FAILED), see docs/decisions/0019-at-least-once-retry-hop.md.
  return { queue, retryQueue: `${queue}.retry.quorum`, deadLetterQueue: `${queue}.dlq` };
}

export async function declareEventsExchange(channel: Channel, producer: string): Promise<void> {
  await channel.assertExchange(eventsExchange(producer), 'topic', { durable: true });
}

/**
 * Declares a consumer's queue, its retry queue and its dead-letter queue. The main queue is a
 * quorum queue with an explicit delivery limit whose dead letters go to the DLQ; the retry
 * queue (quorum too) holds messages for their per-message TTL and then dead-letters them back to
 * the main queue at least once: the broker keeps a message until the main queue confirmed it.
 */
export async function declareConsumerQueues(
  channel: Channel,
  topology: ConsumerTopology,
): Promise<ConsumerQueueNames> {
  const names = consumerQueueNames(topology.consumer, topology.producer);
  await declareEventsExchange(channel, topology.producer);
  await channel.assertQueue(names.deadLetterQueue, {
    durable: true,
    arguments: { 'x-queue-type': 'quorum' },
  });
  await channel.assertQueue(names.queue, {
    durable: true,
    arguments: {
      'x-queue-type': 'quorum',
      'x-delivery-limit': topology.deliveryLimit ?? 10,
      'x-dead-letter-exchange': '',
      'x-dead-letter-routing-key': names.deadLetterQueue,
      'x-dead-letter-strategy': 'at-least-once',
      'x-overflow': 'reject-publish',
    },
  });
  await channel.assertQueue(names.retryQueue, {
    durable: true,
    arguments: {
      'x-queue-type': 'quorum',
      'x-dead-letter-exchange': '',
      'x-dead-letter-routing-key': names.queue,
      'x-dead-letter-strategy': 'at-least-once',
      'x-overflow': 'reject-publish',
    },
  });
  for (const pattern of topology.bindings ?? [`${topology.producer}.#`]) {
    await channel.bindQueue(names.queue, eventsExchange(topology.producer), pattern);
  }
  return names;
}
