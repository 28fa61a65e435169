import { Logger } from '@nestjs/common';
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import type { DataSource, EntityManager } from 'typeorm';
import {
  declareConsumerQueues,
  eventsExchange,
  type AmqpConnection,
  type ConsumerQueueNames,
} from '@app/amqp';
import type { CloudEvent } from '@app/outbox';
import { parseCloudEvent } from './cloud-event-parser';
import { DEFAULT_INBOX_TABLE } from './inbox-schema';
import { PermanentMessageError } from './message-errors';
import { failpoint } from './failpoint';
import { isTransientInfrastructureError } from './transient-errors';

/** Handles one event inside the inbox transaction; throw `PermanentMessageError` for poison. */
export type EventHandler = (manager: EntityManager, event: CloudEvent) => Promise<void>;

export interface EventConsumerOptions {
  connection: AmqpConnection;
  dataSource: DataSource;
  /** Stable consumer name; keys the inbox, names the queue `<consumer>.<producer>`. */
  consumer: string;
  producer: string;
  /** Event type → handler. The queue is bound to exactly these types. */
  handlers: Record<string, EventHandler>;
  inboxTable?: string;
  prefetch?: number;
  /** Handler failures retried through the retry queue before the message is dead-lettered. */
  maxRetries?: number;
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
  /** Broker-side bound for crash loops (quorum queue delivery limit). */
  deliveryLimit?: number;
}

export type HandleOutcome = 'applied' | 'duplicate' | 'retried' | 'dead-lettered';

const RETRY_HEADER = 'x-retry-count';
const OUTAGE_HEADER = 'x-outage-retries';

/** What a consumer reports to health checks. */
export interface ConsumerStatus {
  queue: string;
  consuming: boolean;
  counts: Record<HandleOutcome, number>;
}

const running = new Set<EventConsumer>();

/** Every consumer started in this process, for `/health`. */
export function consumerStatuses(): ConsumerStatus[] {
  return [...running].map((c) => c.status());
}

/**
 * Consumes one producer's events into this service's database: each message is handled in a
 * transaction that also records its id in the inbox (a redelivery is acknowledged and skipped),
 * acknowledged only after commit; transient failures retry with backoff through the retry
 * queue, poison goes to the dead-letter queue with its reason, and the queue keeps flowing.
 */
export class EventConsumer {
  private readonly logger: Logger;
  private readonly inboxTable: string;
  private channel?: ConfirmChannel;
  private consumerTag?: string;
  private names?: ConsumerQueueNames;
  private readonly inFlight = new Set<Promise<void>>();
  private stopping = false;
  private unregister?: () => void;
  readonly counts: Record<HandleOutcome, number> = {
    applied: 0,
    duplicate: 0,
    retried: 0,
    'dead-lettered': 0,
  };

  constructor(private readonly options: EventConsumerOptions) {
    this.logger = new Logger(`EventConsumer:${options.consumer}.${options.producer}`);
    this.inboxTable = options.inboxTable ?? DEFAULT_INBOX_TABLE;
  }

  get isConsuming(): boolean {
    return this.consumerTag !== undefined;
  }

  get queues(): ConsumerQueueNames | undefined {
    return this.names;
  }

  status(): ConsumerStatus {
    return {
      queue: `${this.options.consumer}.${this.options.producer}`,
      consuming: this.isConsuming,
      counts: { ...this.counts },
    };
  }

  /** Declares the topology and consumes, now and after every reconnection. */
  start(): void {
    this.stopping = false;
    running.add(this);
    this.unregister = this.options.connection.onConnect(async () => this.subscribe());
  }

  /** Stops taking deliveries and lets in-flight handlers commit and ack before closing. */
  async stop(): Promise<void> {
    this.stopping = true;
    running.delete(this);
    this.unregister?.();
    const channel = this.channel;
    if (channel && this.consumerTag) await channel.cancel(this.consumerTag).catch(() => undefined);
    this.consumerTag = undefined;
    await Promise.allSettled([...this.inFlight]);
    this.channel = undefined;
    if (channel) await channel.close().catch(() => undefined);
  }

  private async subscribe(): Promise<void> {
    if (this.stopping) return;
    const channel = await this.options.connection.createConfirmChannel();
    channel.on('error', (err: Error) => this.logger.warn(`channel error: ${err.message}`));
    channel.once('close', () => {
      if (this.channel === channel) {
        this.channel = undefined;
        this.consumerTag = undefined;
      }
    });
    this.names = await declareConsumerQueues(channel, {
      consumer: this.options.consumer,
      producer: this.options.producer,
      bindings: Object.keys(this.options.handlers),
      deliveryLimit: this.options.deliveryLimit,
    });
    await channel.prefetch(this.options.prefetch ?? 10);
    this.channel = channel;
    const { consumerTag } = await channel.consume(this.names.queue, (msg) => {
      if (!msg) return;
      const work = this.onMessage(channel, msg).finally(() => this.inFlight.delete(work));
      this.inFlight.add(work);
    });
    this.consumerTag = consumerTag;
    this.logger.log(
      `consuming ${this.names.queue} (bound to ${eventsExchange(this.options.producer)}: ${Object.keys(this.options.handlers).join(', ')})`,
    );
  }

  private async onMessage(channel: ConfirmChannel, msg: ConsumeMessage): Promise<void> {
    try {
      const outcome = await this.handle(channel, msg);
      this.counts[outcome]++;
      if (outcome === 'applied') failpoint('consumer.after-commit');
      channel.ack(msg);
    } catch (err) {
      // Channel or broker trouble while settling: the unacked message is redelivered.
      this.logger.warn(`could not settle message: ${String(err)}`);
    }
  }

  private async handle(channel: ConfirmChannel, msg: ConsumeMessage): Promise<HandleOutcome> {
    let event: CloudEvent;
    let handler: EventHandler | undefined;
    try {
      event = parseCloudEvent(msg.content);
      handler = this.options.handlers[event.type];
      if (!handler) throw new PermanentMessageError(`no handler for event type '${event.type}'`);
    } catch (err) {
      await this.deadLetter(channel, msg, reasonOf(err));
      return 'dead-lettered';
    }
    try {
      return await this.applyOnce(event, handler);
    } catch (err) {
      if (err instanceof PermanentMessageError) {
        await this.deadLetter(channel, msg, reasonOf(err));
        return 'dead-lettered';
      }
      return this.retryOrDeadLetter(channel, msg, err);
    }
  }

  private async applyOnce(event: CloudEvent, handler: EventHandler): Promise<HandleOutcome> {
    return this.options.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO "${this.inboxTable}" ("consumer", "message_id", "event_type")
         VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`,
        [this.options.consumer, event.id, event.type],
      );
      if (inserted.length === 0) return 'duplicate';
      await handler(manager, event);
      failpoint('consumer.before-commit');
      return 'applied';
    });
  }

  private async retryOrDeadLetter(
    channel: ConfirmChannel,
    msg: ConsumeMessage,
    err: unknown,
  ): Promise<HandleOutcome> {
    const headers = msg.properties.headers ?? {};
    const maxRetries = this.options.maxRetries ?? 5;
    if (isTransientInfrastructureError(err)) {
      // The infrastructure failed, not the message: back off and retry without spending its budget.
      const outages = Number(headers[OUTAGE_HEADER] ?? 0);
      await this.scheduleRetry(channel, msg, outages, err, { [OUTAGE_HEADER]: outages + 1 });
      return 'retried';
    }
    const retries = Number(headers[RETRY_HEADER] ?? 0);
    if (retries >= maxRetries) {
      await this.deadLetter(channel, msg, `gave up after ${retries} retries: ${reasonOf(err)}`);
      return 'dead-lettered';
    }
    await this.scheduleRetry(channel, msg, retries, err, { [RETRY_HEADER]: retries + 1 });
    return 'retried';
  }

  private async scheduleRetry(
    channel: ConfirmChannel,
    msg: ConsumeMessage,
    attempt: number,
    err: unknown,
    headers: Record<string, unknown>,
  ): Promise<void> {
    const base = this.options.retryBaseDelayMs ?? 1_000;
    const delay = Math.min(this.options.retryMaxDelayMs ?? 30_000, base * 2 ** attempt);
    this.logger.warn(
      `retrying ${String(msg.properties.messageId)} in ${delay} ms: ${reasonOf(err)}`,
    );
    await this.republish(
      channel,
      this.requireNames().retryQueue,
      msg,
      { ...headers, 'x-last-error': reasonOf(err) },
      String(delay),
    );
  }

  private async deadLetter(
    channel: ConfirmChannel,
    msg: ConsumeMessage,
    reason: string,
  ): Promise<void> {
    this.logger.warn(`dead-lettering message ${String(msg.properties.messageId)}: ${reason}`);
    await this.republish(channel, this.requireNames().deadLetterQueue, msg, {
      'x-dead-letter-reason': reason,
      'x-original-queue': this.requireNames().queue,
      'x-dead-lettered-at': new Date().toISOString(),
    });
  }

  // Publishes a copy (same id, body and properties, extra headers) and waits for its confirm,
  // so the original is acked only once the copy is safe.
  private republish(
    channel: ConfirmChannel,
    queue: string,
    msg: ConsumeMessage,
    headers: Record<string, unknown>,
    expiration?: string,
  ): Promise<void> {
    const props = msg.properties;
    return new Promise((resolve, reject) => {
      channel.sendToQueue(
        queue,
        msg.content,
        {
          persistent: true,
          messageId: props.messageId as string | undefined,
          type: props.type as string | undefined,
          contentType: props.contentType as string | undefined,
          timestamp: props.timestamp as number | undefined,
          headers: { ...(props.headers ?? {}), ...headers },
          expiration,
        },
        (err: unknown) => (err ? reject(new Error(`copy to ${queue} not confirmed`)) : resolve()),
      );
    });
  }

  private requireNames(): ConsumerQueueNames {
    if (!this.names) throw new Error('consumer topology not declared');
    return this.names;
  }
}

function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
