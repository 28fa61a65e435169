import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { activeTraceparent } from '@app/telemetry';
import type {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
} from 'typeorm';
import { createCloudEvent, type CloudEvent } from './cloud-event';
import { CommitNotifier, DEFAULT_NOTIFY_INTERVAL_MS, NOTIFY_SQL } from './commit-notifier';
import { OutboxTransactionRequiredError, UndeclaredEventTypeError } from './outbox.errors';
import { laneFor } from './outbox-lane';
import { OUTBOX_OPTIONS, type OutboxModuleOptions } from './outbox.options';
import { DEFAULT_OUTBOX_TABLE, outboxChannel } from './outbox-schema';
import { OutboxSignal } from './outbox-signal';

/** A domain event as the business code states it; the outbox wraps it in a CloudEvent. */
export interface DomainEvent<T = unknown> {
  /** `<aggregate>.<past-tense-verb>`, e.g. `product.decommissioned`; also the routing key. */
  type: string;
  aggregateType: string;
  aggregateId: string;
  /** The aggregate's version after the change; consumers apply only newer versions. */
  aggregateVersion: number;
  data: T;
  /** W3C trace context of the change; by default the active span's (the request, the message). */
  traceparent?: string;
}

/** Writes domain events into the caller's transaction and wakes relays after commit. */
@Injectable()
export class Outbox implements OnModuleInit, OnApplicationShutdown, EntitySubscriberInterface {
  private readonly logger = new Logger(Outbox.name);
  private readonly table: string;
  private readonly exchange: string;
  private readonly source: string;
  private readonly published: ReadonlySet<string>;
  private readonly pendingCommits = new WeakSet<QueryRunner>();
  private readonly notifier: CommitNotifier;

  constructor(
    @Inject(OUTBOX_OPTIONS) private readonly options: OutboxModuleOptions,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.table = options.table ?? DEFAULT_OUTBOX_TABLE;
    this.exchange = `${options.producer}.events`;
    this.source = options.source ?? `/services/${options.producer}`;
    this.published = new Set(options.publishes.map((contract) => contract.type));
    const channel = outboxChannel(this.table);
    this.notifier = new CommitNotifier(
      () => this.dataSource.query(NOTIFY_SQL, [channel, '']),
      options.notifyIntervalMs ?? DEFAULT_NOTIFY_INTERVAL_MS,
      (err) => this.logger.warn(`outbox NOTIFY failed (the relay will poll): ${String(err)}`),
    );
  }

  onApplicationShutdown(): void {
    this.notifier.stop();
  }

  onModuleInit(): void {
    this.dataSource.subscribers.push(this);
  }

  /** Whether the service declares it publishes `type` (`publishes`), so `add` takes it. */
  publishes(type: string): boolean {
    return this.published.has(type);
  }

  /**
   * Adds an event to the outbox inside the caller's transaction. Refuses a manager that is
   * not in a transaction, so an event can never commit without the change it describes, and a
   * type the service does not declare (`publishes`), so its AsyncAPI document tells all.
   */
  async add<T>(manager: EntityManager, event: DomainEvent<T>): Promise<CloudEvent<T>> {
    const [envelope] = await this.addAll(manager, [event]);
    return envelope;
  }

  /**
   * Adds several events in one statement, in the caller's transaction, in the order given (each
   * takes its place in its aggregate's lane as if added one by one).
   */
  async addAll<T>(manager: EntityManager, events: DomainEvent<T>[]): Promise<CloudEvent<T>[]> {
    const runner = manager.queryRunner;
    if (!runner?.isTransactionActive) throw new OutboxTransactionRequiredError();
    if (events.length === 0) return [];
    const undeclared = events.find((event) => !this.published.has(event.type));
    if (undeclared) throw new UndeclaredEventTypeError(undeclared.type, this.options.producer);
    // The trace that made the change continues with its events: in the envelope, and in the
    // row's headers, which the relay's publish span takes as its parent.
    const active = activeTraceparent();
    const envelopes = events.map((event) =>
      createCloudEvent({
        source: this.source,
        type: event.type,
        subject: event.aggregateId,
        aggregateVersion: event.aggregateVersion,
        data: event.data,
        traceparent: event.traceparent ?? active,
      }),
    );
    // One array per column; `WITH ORDINALITY` keeps the ids (and so the lane order) as given.
    await manager.query(
      `INSERT INTO "${this.table}"
        ("event_id", "lane", "aggregate_type", "aggregate_id", "aggregate_version",
         "event_type", "exchange", "routing_key", "payload", "headers")
       SELECT e."event_id", e."lane", e."aggregate_type", e."aggregate_id", e."aggregate_version",
              e."event_type", $7, e."event_type", e."payload", e."headers"
         FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::bigint[], $6::text[],
                     $8::jsonb[], $9::jsonb[])
              WITH ORDINALITY AS e("event_id", "lane", "aggregate_type", "aggregate_id",
                                   "aggregate_version", "event_type", "payload", "headers", "n")
        ORDER BY e."n"`,
      [
        envelopes.map((e) => e.id),
        events.map((e) => laneFor(e.aggregateType, e.aggregateId)),
        events.map((e) => e.aggregateType),
        events.map((e) => e.aggregateId),
        events.map((e) => e.aggregateVersion),
        events.map((e) => e.type),
        this.exchange,
        envelopes.map((e) => JSON.stringify(e)),
        envelopes.map((e) => JSON.stringify(e.traceparent ? { traceparent: e.traceparent } : {})),
      ],
    );
    this.pendingCommits.add(runner);
    return envelopes;
  }

  /**
   * For a true erasure, in the purge's transaction, before its purge event is added: the
   * aggregate's pending events are withdrawn (deleted: nobody has seen them, and the purge event
   * written after them supersedes them) and the `data` of its published and dead-lettered ones
   * becomes `{ id }`, so the outbox keeps no copy of the erased data.
   *
   * Every row of the aggregate is locked first (the scrub), so a relay marking one of them
   * published meanwhile either finished before (the row is then scrubbed, not deleted) or waits
   * for this transaction and then updates nothing. A relay that claimed a pending row before
   * the delete may still publish it; its purge event comes after it in the same lane.
   */
  async erase(manager: EntityManager, aggregateType: string, aggregateId: string): Promise<void> {
    const runner = manager.queryRunner;
    if (!runner?.isTransactionActive) throw new OutboxTransactionRequiredError();
    await manager.query(
      `UPDATE "${this.table}"
          SET "payload" = jsonb_set("payload", '{data}', jsonb_build_object('id', "aggregate_id"))
        WHERE "aggregate_type" = $1 AND "aggregate_id" = $2`,
      [aggregateType, aggregateId],
    );
    await manager.query(
      `DELETE FROM "${this.table}"
        WHERE "aggregate_type" = $1 AND "aggregate_id" = $2
          AND "published_at" IS NULL AND "dead_lettered_at" IS NULL`,
      [aggregateType, aggregateId],
    );
  }

  /**
   * Wakes relays; called by itself after each commit that added events. A relay in this
   * process is woken directly. Relays elsewhere get a NOTIFY, unless `crossProcessWakeUp` is
   * `none`, or it is `auto` (the default) and a relay here is already listening: a relay in
   * every writing process needs no NOTIFY, and writers then pay nothing for the wake-up.
   */
  notify(): void {
    const local = OutboxSignal.wake(this.table);
    const mode = this.options.crossProcessWakeUp ?? 'auto';
    if (mode === 'notify' || (mode === 'auto' && !local)) this.notifier.notify();
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    if (!this.pendingCommits.has(event.queryRunner)) return;
    this.pendingCommits.delete(event.queryRunner);
    this.notify();
  }

  afterTransactionRollback(event: { queryRunner: QueryRunner }): void {
    this.pendingCommits.delete(event.queryRunner);
  }
}
