import type { Channel } from 'amqplib';

/** Names of everything one consumer queue needs: `<consumer>.<producer>` plus retry and DLQ. */
export interface ConsumerQueueNames {
  queue: string;
  retryQueue: string;
  deadLetterQueue: string;
  /** The consumer's own direct exchange, `<consumer>.queues`, bound to each queue by its name. */
  exchange: string;
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

/** Opens channels for declarations (an `AmqpConnection`): a refused one closes only its own. */
export interface ChannelSource {
  createChannel(): Promise<Channel>;
}

/** The durable topic exchange a service publishes its events to. */
export function eventsExchange(producer: string): string {
  return `${producer}.events`;
}

/**
 * The durable direct exchange through which a consumer reaches its own queues (retry and
 * dead-letter copies, requeues, dead-lettering by the broker): each queue is bound to it with
 * its own name as routing key. Publishing there needs no write permission on the default
 * exchange, which would reach every queue of the vhost.
 */
export function consumerExchange(consumer: string): string {
  return `${consumer}.queues`;
}

export function consumerQueueNames(consumer: string, producer: string): ConsumerQueueNames {
  const queue = `${consumer}.${producer}`;
  // `.retry.quorum`, not `.retry`: the classic `.retry` of earlier versions cannot be redeclared
  // as a quorum queue (PRECONDITION_FAILED), see docs/decisions/0019-at-least-once-retry-hop.md.
  return {
    queue,
    retryQueue: `${queue}.retry.quorum`,
    deadLetterQueue: `${queue}.dlq`,
    exchange: consumerExchange(consumer),
  };
}

/** The consumer of a queue named `<consumer>.<producer>…` (consumer names hold no dot). */
export function consumerOfQueue(queue: string): string {
  const dot = queue.indexOf('.');
  return dot > 0 ? queue.slice(0, dot) : queue;
}

export async function declareEventsExchange(channel: Channel, producer: string): Promise<void> {
  await channel.assertExchange(eventsExchange(producer), 'topic', { durable: true });
}

/**
 * Declares a consumer's queue, its retry queue and its dead-letter queue, each bound to the
 * consumer's exchange. The main queue is a quorum queue with an explicit delivery limit whose
 * dead letters go to the DLQ; the retry queue (quorum too) holds messages for their per-message
 * TTL and then dead-letters them back to the main queue at least once: the broker keeps a
 * message until the main queue confirmed it. The producer's exchange is only checked when it
 * exists (declaring it needs `configure` on another service's exchange), declared when not.
 */
export async function declareConsumerQueues(
  channels: ChannelSource,
  topology: ConsumerTopology,
): Promise<ConsumerQueueNames> {
  const names = consumerQueueNames(topology.consumer, topology.producer);
  const source = eventsExchange(topology.producer);
  await ensureExchange(channels, source);
  await withChannel(channels, (channel) => declareDeadLetterQueue(channel, names.queue));
  await declareDeadLettering(channels, names.queue, names.exchange, names.deadLetterQueue, {
    'x-queue-type': 'quorum',
    'x-delivery-limit': topology.deliveryLimit ?? 10,
  });
  await declareDeadLettering(channels, names.retryQueue, names.exchange, names.queue, {
    'x-queue-type': 'quorum',
  });
  await withChannel(channels, async (channel) => {
    for (const queue of [names.queue, names.retryQueue]) {
      await channel.bindQueue(queue, names.exchange, queue);
    }
    for (const pattern of topology.bindings ?? [`${topology.producer}.#`]) {
      await channel.bindQueue(names.queue, source, pattern);
    }
  });
  return names;
}

/**
 * Declares `<queue>.dlq` of a consumer queue and binds it to the consumer's exchange (the
 * consumer and the dead-letter parker both do, whichever starts first). Returns its name.
 */
export async function declareDeadLetterQueue(channel: Channel, queue: string): Promise<string> {
  const exchange = consumerExchange(consumerOfQueue(queue));
  const deadLetterQueue = `${queue}.dlq`;
  await channel.assertExchange(exchange, 'direct', { durable: true });
  await channel.assertQueue(deadLetterQueue, {
    durable: true,
    arguments: { 'x-queue-type': 'quorum' },
  });
  await channel.bindQueue(deadLetterQueue, exchange, deadLetterQueue);
  return deadLetterQueue;
}

/**
 * A quorum queue that dead-letters at least once to `target` through the consumer's exchange.
 * A queue declared by an earlier version dead-letters through the default exchange (`''`),
 * an argument that cannot change: it is redeclared as it is (which needs write on the default
 * exchange; see docs/operations.md, broker permissions).
 */
async function declareDeadLettering(
  channels: ChannelSource,
  queue: string,
  exchange: string,
  target: string,
  args: Record<string, unknown>,
): Promise<void> {
  const declare = (deadLetterExchange: string) =>
    withChannel(channels, (channel) =>
      channel.assertQueue(queue, {
        durable: true,
        arguments: {
          ...args,
          'x-dead-letter-exchange': deadLetterExchange,
          'x-dead-letter-routing-key': target,
          'x-dead-letter-strategy': 'at-least-once',
          'x-overflow': 'reject-publish',
        },
      }),
    );
  try {
    await declare(exchange);
  } catch (err) {
    if (!String(err).includes("inequivalent arg 'x-dead-letter-exchange'")) throw err;
    await declare('');
  }
}

/** Checks that `exchange` exists; declares it only when it does not. */
async function ensureExchange(channels: ChannelSource, exchange: string): Promise<void> {
  try {
    await withChannel(channels, (channel) => channel.checkExchange(exchange));
  } catch {
    await withChannel(channels, (channel) =>
      channel.assertExchange(exchange, 'topic', { durable: true }),
    ).catch((err: unknown) => {
      throw new Error(`exchange ${exchange} is missing and could not be declared: ${String(err)}`);
    });
  }
}

async function withChannel<T>(
  channels: ChannelSource,
  work: (channel: Channel) => Promise<T>,
): Promise<T> {
  const channel = await channels.createChannel();
  // A refused declaration closes the channel with an error; the caller gets it from `work`.
  channel.on('error', () => undefined);
  try {
    return await work(channel);
  } finally {
    await channel.close().catch(() => undefined);
  }
}
