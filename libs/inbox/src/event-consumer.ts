import { Logger } from '@nestjs/common';
import type { ConfirmChannel } from 'amqplib';
import { declareConsumerQueues, eventsExchange, type ConsumerQueueNames } from '@app/amqp';
import { failpoint } from '@app/failpoints';
import { withLogFields } from '@app/telemetry';
import { ConsumerSubscription } from './consumer-subscription';
import { FailureRouter, reasonOf } from './failure-router';
import { HandBack } from './hand-back';
import type { ConsumerStatus, EventConsumerOptions, HandleOutcome } from './event-consumer.options';
import { InboxBatch } from './inbox-batch';
import { registerConsumer, unregisterConsumer } from './consumer-registry';
import { parseDelivery, type Delivery, type ParsedDelivery } from './delivery';
import { InboxRetention } from './inbox-retention';
import { deliveryLogFields } from './message-trace';
import { DEFAULT_INBOX_TABLE } from './inbox-schema';
import { logSafe } from './log-safe';
import { OversizedMessageError, PermanentMessageError } from './message-errors';
import { observePublishToApply } from './publish-to-apply';

/**
 * Consumes one producer's events into this service's database: each message is handled in a
 * transaction that also records its id in the inbox (a redelivery is acknowledged and skipped),
 * acknowledged only after commit; transient failures retry with backoff through the retry
 * queue, poison goes to the dead-letter queue with its reason, and the queue keeps flowing.
 *
 * Messages that arrive while the consumer is busy wait in a buffer and are then applied
 * together, up to `maxBatch` per transaction, so a burst costs a few commits instead of one
 * per message; a quiet queue still gets each message applied the moment it arrives. When a
 * shared transaction fails, its messages are applied again one per transaction, so one bad
 * message is retried or dead-lettered alone.
 */
export class EventConsumer {
  private readonly logger: Logger;
  private readonly inboxTable: string;
  private readonly subscription: ConsumerSubscription;
  private names?: ConsumerQueueNames;
  private router?: FailureRouter;
  private readonly retention: InboxRetention;
  private readonly inbox: InboxBatch;
  private readonly buffered: Delivery[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly maxBatch: number;
  private readonly concurrency: number;
  /** Messages whose copy failed, waiting to go back to the queue. */
  private readonly handBack: HandBack;
  private transactions = 0;
  readonly counts: Record<HandleOutcome, number> = {
    applied: 0,
    duplicate: 0,
    retried: 0,
    'dead-lettered': 0,
  };

  constructor(private readonly options: EventConsumerOptions) {
    this.logger = new Logger(`EventConsumer:${options.consumer}.${options.producer}`);
    this.inboxTable = options.inboxTable ?? DEFAULT_INBOX_TABLE;
    this.retention = new InboxRetention(
      options.dataSource,
      this.inboxTable,
      options.consumer,
      options.inboxRetentionMs ?? 30 * 24 * 3600 * 1000,
    );
    const queue = `${options.consumer}.${options.producer}`;
    this.inbox = new InboxBatch(options.dataSource, this.inboxTable, options.consumer, queue);
    this.maxBatch = Math.max(1, options.maxBatch ?? 20);
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.handBack = new HandBack(
      this.logger,
      options.retryBaseDelayMs ?? 1_000,
      options.retryMaxDelayMs ?? 30_000,
    );
    this.subscription = new ConsumerSubscription(options.connection, this.logger, {
      consume: async (channel) => this.consume(channel),
      closed: (channel) => this.forget(channel),
      // The work in hand when the broker cancelled; later batches may already use the new channel.
      drained: async () => {
        await Promise.allSettled([...this.inFlight, ...this.handBack.pending]);
      },
    });
  }

  get isConsuming(): boolean {
    return this.subscription.consuming;
  }

  get queues(): ConsumerQueueNames | undefined {
    return this.names;
  }

  get connection(): EventConsumerOptions['connection'] {
    return this.options.connection;
  }

  status(): ConsumerStatus {
    return {
      queue: `${this.options.consumer}.${this.options.producer}`,
      consuming: this.isConsuming,
      counts: { ...this.counts },
      transactions: this.transactions,
      lastError: this.subscription.lastError ?? null,
    };
  }

  /** Nest lifecycle: a consumer registered as a provider starts once the app is up… */
  onApplicationBootstrap(): void {
    this.start();
  }

  /** …and drains before the database and the broker connection close. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** Declares the topology and consumes, now, after every reconnection and after a broker close. */
  start(): void {
    if (!registerConsumer(this)) return;
    this.handBack.reset();
    this.retention.start();
    this.subscription.start();
  }

  /** Stops taking deliveries and lets in-flight handlers commit and ack before closing. */
  async stop(): Promise<void> {
    unregisterConsumer(this);
    this.retention.stop();
    await this.subscription.cancel();
    // Messages waiting to be handed back go back now.
    this.handBack.abort();
    const draining = this.inFlight.size;
    await this.drained();
    // RabbitMQ 3.10 quorum queues settle acks asynchronously: a channel closed right after its
    // last acks can have those messages returned (measured: ~10 of 50). Give them a moment.
    if (draining > 0) await new Promise((r) => setTimeout(r, this.options.settleGraceMs ?? 500));
    await this.subscription.close();
  }

  /** Resolves once no batch runs and no message waits to be handed back. */
  private async drained(): Promise<void> {
    // Finishing batches start the buffered ones; wait until both are gone.
    while (this.inFlight.size > 0 || this.handBack.pending.length > 0) {
      await Promise.allSettled([...this.inFlight, ...this.handBack.pending]);
    }
  }

  /** Drops deliveries not started yet: they come again on the next channel. */
  private forget(channel: ConfirmChannel): void {
    // Applying them now would only end in an acknowledgement that cannot be sent.
    for (let i = this.buffered.length - 1; i >= 0; i--) {
      if (this.buffered[i].channel === channel) this.buffered.splice(i, 1);
    }
  }

  private async consume(channel: ConfirmChannel): Promise<string> {
    this.names = await declareConsumerQueues(this.options.connection, {
      consumer: this.options.consumer,
      producer: this.options.producer,
      bindings: Object.keys(this.options.handlers),
      deliveryLimit: this.options.deliveryLimit,
    });
    this.router ??= new FailureRouter(
      this.names,
      {
        maxRetries: this.options.maxRetries ?? 5,
        retryBaseDelayMs: this.options.retryBaseDelayMs ?? 1_000,
        retryMaxDelayMs: this.options.retryMaxDelayMs ?? 30_000,
      },
      this.logger,
    );
    await channel.prefetch(this.options.prefetch ?? 10);
    if (!this.subscription.accepting) throw new Error('stopped during setup');
    const { consumerTag } = await channel.consume(this.names.queue, (msg) => {
      if (!msg) {
        this.subscription.cancelledByBroker(channel);
        return;
      }
      // Stopped while subscribing: left unacknowledged, the broker takes it back on close.
      if (!this.subscription.accepting) return;
      this.buffered.push({ channel, msg });
      this.pump();
    });
    this.logger.log(
      `consuming ${this.names.queue} (bound to ${eventsExchange(this.options.producer)}: ${Object.keys(this.options.handlers).join(', ')})`,
    );
    return consumerTag;
  }

  /** Starts a batch of what is buffered whenever fewer than `concurrency` are running. */
  private pump(): void {
    while (this.inFlight.size < this.concurrency && this.buffered.length > 0) {
      const batch = this.buffered.splice(0, this.maxBatch);
      const work = this.handleBatch(batch).finally(() => {
        this.inFlight.delete(work);
        this.pump();
      });
      this.inFlight.add(work);
    }
  }

  private async handleBatch(batch: Delivery[]): Promise<void> {
    const parsed: ParsedDelivery[] = [];
    const poison: Promise<void>[] = [];
    for (const delivery of batch) {
      try {
        parsed.push(parseDelivery(delivery, this.options));
      } catch (err) {
        const reason = reasonOf(err);
        // An oversized body is parked by its start only: enough to tell what it was.
        const keep = err instanceof OversizedMessageError ? err.keptBytes : undefined;
        poison.push(
          this.route(delivery, async () => {
            await this.requireRouter().deadLetter(delivery.channel, delivery.msg, reason, keep);
            return 'dead-lettered';
          }),
        );
      }
    }
    await Promise.all(poison);
    if (parsed.length > 1) {
      try {
        const outcomes = await this.inbox.apply(parsed);
        this.transactions++;
        parsed.forEach((item, i) =>
          withLogFields(deliveryLogFields(item), () => this.settle(item, outcomes[i])),
        );
        return;
      } catch (err) {
        this.logger.debug(
          `a batch of ${parsed.length} failed (${logSafe(reasonOf(err))}); applying them one at a time`,
        );
      }
    }
    for (const item of parsed) await this.handleOne(item);
  }

  /** One message in its own transaction; a failure is retried or dead-lettered. */
  private async handleOne(item: ParsedDelivery): Promise<void> {
    await this.route(item, async () => {
      try {
        const [outcome] = await this.inbox.apply([item]);
        this.transactions++;
        return outcome;
      } catch (err) {
        const router = this.requireRouter();
        if (err instanceof PermanentMessageError) {
          await router.deadLetter(item.channel, item.msg, reasonOf(err));
          return 'dead-lettered';
        }
        return router.retryOrDeadLetter(item.channel, item.msg, err);
      }
    });
  }

  /**
   * Runs `decide`, then counts and acknowledges. When its copy to the retry or dead-letter queue
   * failed, the message goes back to its queue instead (after a pause), never left unsettled.
   * Every line logged meanwhile names the message.
   */
  private async route(delivery: Delivery, decide: () => Promise<HandleOutcome>): Promise<void> {
    await withLogFields(deliveryLogFields(delivery), async () => {
      let outcome: HandleOutcome;
      try {
        outcome = await decide();
      } catch (err) {
        this.handBack.requeue(delivery.channel, delivery.msg, err);
        return;
      }
      this.settle(delivery, outcome);
    });
  }

  private settle({ channel, msg }: Delivery, outcome: HandleOutcome): void {
    this.counts[outcome]++;
    this.logger.debug(`message ${outcome}`);
    if (outcome === 'applied') {
      observePublishToApply(`${this.options.consumer}.${this.options.producer}`, msg);
      failpoint('consumer.after-commit');
    }
    try {
      channel.ack(msg);
    } catch (err) {
      // The channel closed meanwhile: the message is redelivered, and the inbox skips it.
      this.logger.warn(`could not acknowledge message: ${String(err)}`);
    }
  }

  private requireRouter(): FailureRouter {
    if (!this.router) throw new Error('consumer topology not declared');
    return this.router;
  }
}
