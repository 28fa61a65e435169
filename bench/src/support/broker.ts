import * as amqp from 'amqplib';
import type { Channel, ChannelModel } from 'amqplib';
import { nowMs, sleep } from './clock';
import { EXCHANGE, SINK_QUEUE } from './payload';

/**
 * The bench's side of the broker: declares `product.events` and a quorum sink queue bound to it
 * (the queue type the consumers use), reads its depth, purges it, and taps it for latency runs.
 */
export class Sink {
  private lost?: string;

  private constructor(
    private readonly connection: ChannelModel,
    private readonly channel: Channel,
  ) {
    connection.on('close', (err?: Error) => {
      this.lost = `broker connection lost (${err?.message ?? 'closed'}); was the broker restarted?`;
    });
    connection.on('error', () => undefined);
  }

  /** Throws once the bench's own broker connection is gone: figures after that mean nothing. */
  assertAlive(): void {
    if (this.lost) throw new Error(this.lost);
  }

  static async open(url: string): Promise<Sink> {
    const connection = await amqp.connect(url, {
      clientProperties: { connection_name: 'bench-sink' },
    });
    const channel = await connection.createChannel();
    await channel.assertExchange(EXCHANGE, 'topic', { durable: true });
    await channel.assertQueue(SINK_QUEUE, {
      durable: true,
      arguments: { 'x-queue-type': 'quorum' },
    });
    await channel.bindQueue(SINK_QUEUE, EXCHANGE, '#');
    return new Sink(connection, channel);
  }

  async depth(): Promise<number> {
    this.assertAlive();
    return (await this.channel.checkQueue(SINK_QUEUE)).messageCount;
  }

  async purge(): Promise<void> {
    await this.channel.purgeQueue(SINK_QUEUE);
    while ((await this.depth()) > 0) {
      await this.channel.purgeQueue(SINK_QUEUE);
      await sleep(50);
    }
  }

  /**
   * Watches the depth until `expected` messages have arrived. The rate is taken between the first
   * observation of a non-empty queue and the arrival of the last message, so start-up, the first
   * claim and a poll interval are left out for every contender alike.
   */
  async watchDrain(
    expected: number,
    options: { capMs?: number; timeoutMs?: number; intervalMs?: number } = {},
  ): Promise<DrainObservation> {
    const started = nowMs();
    const timeoutMs = options.timeoutMs ?? 600_000;
    let first: { t: number; depth: number } | undefined;
    for (;;) {
      const depth = await this.depth();
      const t = nowMs();
      if (!first && depth > 0) first = { t, depth };
      if (depth >= expected) return observation(first, { t, depth }, false);
      if (first && options.capMs !== undefined && t - first.t >= options.capMs) {
        return observation(first, { t, depth }, true);
      }
      if (t - started > timeoutMs) {
        throw new Error(`sink has ${depth} of ${expected} messages after ${timeoutMs} ms`);
      }
      await sleep(options.intervalMs ?? 10);
    }
  }

  /** Consumes the sink (auto-ack), recording when each message id arrived. */
  async tap(): Promise<Tap> {
    const arrivals = new Map<string, number>();
    const { consumerTag } = await this.channel.consume(
      SINK_QUEUE,
      (msg) => {
        if (!msg) return;
        const id = String(msg.properties.messageId);
        if (!arrivals.has(id)) arrivals.set(id, nowMs());
      },
      { noAck: true },
    );
    return {
      arrivals,
      stop: async () => {
        await this.channel.cancel(consumerTag);
      },
    };
  }

  async close(): Promise<void> {
    await this.connection.close().catch(() => undefined);
  }
}

export interface Tap {
  arrivals: Map<string, number>;
  stop(): Promise<void>;
}

export interface DrainObservation {
  /** Messages that arrived inside the measured window. */
  messages: number;
  ms: number;
  perSecond: number;
  capped: boolean;
  arrived: number;
}

function observation(
  first: { t: number; depth: number } | undefined,
  last: { t: number; depth: number },
  capped: boolean,
): DrainObservation {
  const start = first ?? last;
  const messages = last.depth - start.depth;
  const ms = last.t - start.t;
  return {
    messages,
    ms,
    perSecond: ms > 0 ? (messages * 1000) / ms : Number.NaN,
    capped,
    arrived: last.depth,
  };
}
