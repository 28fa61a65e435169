import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import { InjectDataSource } from '@nestjs/typeorm';
import { isObservable, lastValueFrom } from 'rxjs';
import type { DataSource, EntityManager } from 'typeorm';
import { AmqpConnection } from '@app/amqp';
import type { CloudEvent } from '@app/outbox';
import { EventConsumer } from '../event-consumer';
import type { EventHandler } from '../inbox-batch';
import type { StageWrites } from '../staged-writes';
import { InboxContext } from './inbox-context';
import { producersOf, type EventSource } from './event-source';
import { INBOX_TRANSPORT } from './inbox-transport.constants';
import { INBOX_TRANSPORT_OPTIONS, type InboxTransportOptions } from './inbox-transport.options';

/**
 * Nest's microservice transport for this system's events, built on our own consumer rather than
 * Nest's RMQ client (which has no publisher confirms, quorum queues or delivery limit, and
 * requeues failures in a loop). Every `@InboxEvent` handler Nest registers names an event type
 * and its producer; at `listen` the transport starts one `EventConsumer` per producer, its queue
 * `<consumer>.<producer>` bound to exactly the types that have a handler. The consumer does the
 * rest as ever (inbox row in the handler's transaction, batches, retries, dead letters, ack
 * after commit); the handler runs through Nest's guards, interceptors, pipes and filters.
 */
@Injectable()
export class InboxTransport
  extends Server
  implements CustomTransportStrategy, BeforeApplicationShutdown
{
  /** producer → event type → Nest's handler. */
  private readonly routes = new Map<string, Map<string, MessageHandler>>();
  private readonly consumers = new Map<string, EventConsumer>();

  constructor(
    @Inject(INBOX_TRANSPORT_OPTIONS) private readonly options: InboxTransportOptions,
    private readonly connection: AmqpConnection,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super();
    this.setTransportId(INBOX_TRANSPORT);
  }

  /** Called by Nest for each handler: events only, each from known producers, once per type. */
  override addHandler(
    pattern: unknown,
    callback: MessageHandler,
    isEventHandler = false,
    extras: Record<string, unknown> = {},
  ): void {
    const where = `handler of ${JSON.stringify(pattern)}`;
    if (!isEventHandler) throw new Error(`${where}: the inbox takes events, not requests`);
    if (typeof pattern !== 'string') throw new Error(`${where}: the pattern is an event type`);
    const source = extras as Partial<EventSource>;
    for (const producer of producersOf(source, this.options.producerGroups, where)) {
      const types = this.routes.get(producer) ?? new Map<string, MessageHandler>();
      if (types.has(pattern)) throw new Error(`${where}: two handlers for ${producer}`);
      types.set(pattern, callback);
      this.routes.set(producer, types);
    }
  }

  /** Starts one consumer per producer; they subscribe now and after every reconnection. */
  listen(callback: (err?: unknown) => void): void {
    try {
      for (const [producer, types] of this.routes) {
        if (this.consumers.has(producer)) continue;
        const consumer = new EventConsumer({
          ...this.options.tuning,
          ...this.options.producers?.[producer],
          connection: this.connection,
          dataSource: this.dataSource,
          consumer: this.options.consumer,
          producer,
          handlers: Object.fromEntries(
            [...types].map(([type, handler]) => [type, this.inboxHandler(producer, handler)]),
          ),
        });
        this.consumers.set(producer, consumer);
        consumer.start();
      }
      callback();
    } catch (err) {
      callback(err);
    }
  }

  /** Drains every consumer: in-flight handlers commit and acknowledge, nothing new starts. */
  async close(): Promise<void> {
    await Promise.all([...this.consumers.values()].map((c) => c.stop()));
  }

  /** Drains before the HTTP server, the database and the broker connection close. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.close();
  }

  /** The event types each producer's queue is bound to, from the registered handlers. */
  bindings(): Record<string, string[]> {
    return Object.fromEntries([...this.routes].map(([p, types]) => [p, [...types.keys()]]));
  }

  /** Whether the consumer of `producer` is subscribed (seeding waits for it). */
  isConsuming(producer: string): boolean {
    return this.consumers.get(producer)?.isConsuming ?? false;
  }

  /** The consumer of `producer`, once listening (tests read its counts). */
  consumerOf(producer: string): EventConsumer | undefined {
    return this.consumers.get(producer);
  }

  on(): never {
    throw new Error('the inbox transport emits no events');
  }

  unwrap<T>(): T {
    return this.consumers as T;
  }

  /**
   * The consumer's handler: Nest's handler with the payload and an `InboxContext`. Its result
   * may be a cold observable (interceptors), which runs only when subscribed; an error comes
   * back through the exception filters unchanged (`InboxErrorFilter`) for the consumer to
   * classify, and anything thrown that is not an `Error` becomes one.
   */
  private inboxHandler(producer: string, handler: MessageHandler): EventHandler {
    return async (manager: EntityManager, event: CloudEvent, stage: StageWrites) => {
      const { data, ...envelope } = event;
      try {
        const context = new InboxContext(manager, envelope, producer, stage);
        const result: unknown = await handler(data, context);
        if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
      } catch (err) {
        throw err instanceof Error ? err : new Error(describe(err));
      }
    };
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
