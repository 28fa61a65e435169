import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import type { ConfirmChannel, ConsumeMessage, Options } from 'amqplib';
import type { DataSource } from 'typeorm';
import {
  consumerExchange,
  consumerOfQueue,
  declareDeadLetterQueue,
  type AmqpConnection,
} from '@app/amqp';
import { ConsumerSubscription, logSafe } from '@app/inbox';
import { parkedMessageFrom } from './dead-letter-message';
import { DeadLetterStore } from './dead-letter-store';
import type { ParkedMessage } from './parked-message.types';

export interface DeadLetterParkerOptions {
  connection: AmqpConnection;
  dataSource: DataSource;
  /** The consumer queue, `<consumer>.<producer>`; its `<queue>.dlq` is drained. */
  queue: string;
  prefetch?: number;
  /** Bounds of the pause before a message the database refused goes back to the DLQ. */
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
  /** Parks the letters whose subject this says was erased without their body. */
  redact?: DeadLetterRedaction;
}

/**
 * Whether the aggregate a dead letter is about (its CloudEvent `subject`) was erased, asked of
 * the service's own database; a letter about an erased aggregate is parked without its body.
 */
export type DeadLetterRedaction = (subject: string, dataSource: DataSource) => Promise<boolean>;

/**
 * Moves dead letters from `<queue>.dlq` into the service's `dead_letters` table, where they can
 * be filtered and inspected without destructive broker reads. A message is acked only after
 * its row is committed; when the database refuses, a copy goes back to the DLQ after a pause
 * that grows while the failures last, so nothing is lost and nothing spins.
 *
 * The copy is a new message, confirmed before the original is acked, rather than a requeue: the
 * DLQ is a quorum queue without a dead-letter target, RabbitMQ 4.x gives it a delivery limit of
 * 20 and 4.0 to 4.2 count every requeue against it, so a long database outage would drop dead
 * letters (docs/decisions/0016-supported-runtimes.md).
 */
export class DeadLetterParker {
  private readonly logger: Logger;
  private readonly store: DeadLetterStore;
  private readonly subscription: ConsumerSubscription;
  private readonly inFlight = new Set<Promise<void>>();
  private abort = new AbortController();
  private failuresInARow = 0;
  parked = 0;

  constructor(private readonly options: DeadLetterParkerOptions) {
    this.logger = new Logger(`DeadLetterParker:${options.queue}`);
    this.store = new DeadLetterStore(options.dataSource);
    this.subscription = new ConsumerSubscription(options.connection, this.logger, {
      consume: async (channel) => this.consume(channel),
      closed: () => undefined,
      drained: async () => {
        await Promise.allSettled([...this.inFlight]);
      },
    });
  }

  get deadLetterQueue(): string {
    return `${this.options.queue}.dlq`;
  }

  get isConsuming(): boolean {
    return this.subscription.consuming;
  }

  /** Why it is not consuming, if it is not. */
  get lastError(): string | undefined {
    return this.subscription.lastError;
  }

  /** Consumes the DLQ, now, after every reconnection and after the broker ended the consumer. */
  start(): void {
    this.abort = new AbortController();
    this.subscription.start();
  }

  /** Stops taking messages and waits for those in flight to be parked or handed back. */
  async stop(): Promise<void> {
    await this.subscription.cancel();
    // Cuts short the pauses of refused messages: they go back to the DLQ at once.
    this.abort.abort();
    await Promise.allSettled([...this.inFlight]);
    await this.subscription.close();
  }

  private async consume(channel: ConfirmChannel): Promise<string> {
    // As declareConsumerQueues does: whichever starts first declares it.
    await declareDeadLetterQueue(channel, this.options.queue);
    await channel.prefetch(this.options.prefetch ?? 20);
    if (!this.subscription.accepting) throw new Error('stopped during setup');
    const { consumerTag } = await channel.consume(this.deadLetterQueue, (msg) => {
      if (!msg) {
        this.subscription.cancelledByBroker(channel);
        return;
      }
      // Stopped while subscribing: left unacknowledged, the broker takes it back on close.
      if (!this.subscription.accepting) return;
      const work = this.onMessage(channel, msg).finally(() => this.inFlight.delete(work));
      this.inFlight.add(work);
    });
    this.logger.log(`parking dead letters of ${this.deadLetterQueue}`);
    return consumerTag;
  }

  private async onMessage(channel: ConfirmChannel, msg: ConsumeMessage): Promise<void> {
    let stored = false;
    try {
      const inserted = await this.store.park(
        await this.redacted(parkedMessageFrom(this.options.queue, msg)),
      );
      stored = true;
      this.failuresInARow = 0;
      if (inserted) this.parked++;
    } catch (err) {
      this.failuresInARow++;
      const delay = this.backoff();
      this.logger.error(
        `could not park ${logSafe(msg.properties.messageId)}, handing it back in ${delay} ms: ${logSafe(String(err))}`,
      );
      await sleep(delay, undefined, { signal: this.abort.signal }).catch(() => undefined);
    }
    try {
      if (stored || (await this.handBack(channel, msg))) channel.ack(msg);
      else channel.nack(msg, false, true);
    } catch (err) {
      // The channel is gone: the broker redelivers the message, and a parked copy is not doubled.
      this.logger.warn(`could not settle a dead letter: ${String(err)}`);
    }
  }

  /** Sends a copy of `msg` to the DLQ's tail; true once the broker has confirmed it. */
  private handBack(channel: ConfirmChannel, msg: ConsumeMessage): Promise<boolean> {
    // Everything the parked row reads; no expiration (a dead letter must not expire) and no
    // userId (the broker would check it against this connection's user).
    const p = msg.properties;
    const options: Options.Publish = {
      persistent: true,
      messageId: p.messageId as string | undefined,
      type: p.type as string | undefined,
      contentType: p.contentType as string | undefined,
      contentEncoding: p.contentEncoding as string | undefined,
      correlationId: p.correlationId as string | undefined,
      appId: p.appId as string | undefined,
      timestamp: p.timestamp as number | undefined,
      headers: p.headers,
    };
    return new Promise((resolve) => {
      // Through the consumer's exchange: no write permission on the default exchange needed.
      channel.publish(
        consumerExchange(consumerOfQueue(this.options.queue)),
        this.deadLetterQueue,
        msg.content,
        options,
        (err: unknown) => resolve(!err),
      );
    });
  }

  private async redacted(parked: ParkedMessage): Promise<ParkedMessage> {
    const redact = this.options.redact;
    if (!redact || parked.subject === null) return parked;
    if (!(await redact(parked.subject, this.options.dataSource))) return parked;
    return { ...parked, body: Buffer.alloc(0) };
  }

  private backoff(): number {
    const base = this.options.retryBaseDelayMs ?? 1_000;
    const max = this.options.retryMaxDelayMs ?? 30_000;
    return Math.min(max, base * 2 ** Math.min(this.failuresInARow - 1, 16));
  }
}
