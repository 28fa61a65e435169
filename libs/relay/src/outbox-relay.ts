import { Logger } from '@nestjs/common';
import { Pool, type PoolClient } from 'pg';
import { failpoint } from '@app/failpoints';
import { DEFAULT_OUTBOX_TABLE, OUTBOX_LANES, OutboxSignal, outboxChannel } from '@app/outbox';
import { withLogFields } from '@app/telemetry';
import { backoffDelay } from './backoff';
import { ConfirmPublisher } from './confirm-publisher';
import { NotifyListener } from './notify-listener';
import { commitToPublishSeconds } from './relay-metrics';
import { rowLogFields } from './outbox-row';
import type { RelayOptions, ResolvedRelayOptions } from './relay.options';
import type { RelayStatus } from './relay-status';
import { RelayStore } from './relay-store';
import { WakeUp } from './wake-up';

interface BatchResult {
  claimed: number;
  contended: boolean;
  /**
   * The batch took every claimable row it could see: it locked every lane that had work and
   * claimed fewer rows than it may. Looking again at once would find only rows committed
   * since, and their commits wake the relay anyway.
   */
  drained: boolean;
}

const DEFAULTS: Omit<ResolvedRelayOptions, 'databaseUrl' | 'connection' | 'exchanges'> = {
  table: DEFAULT_OUTBOX_TABLE,
  batchSize: 500,
  maxLanesPerBatch: OUTBOX_LANES / 2,
  pollIntervalMs: 1_000,
  maxAttempts: 10,
  retryBaseDelayMs: 1_000,
  retryMaxDelayMs: 60_000,
  outageMaxDelayMs: 5_000,
  retentionMs: 7 * 24 * 3600 * 1000,
  cleanupIntervalMs: 60_000,
  confirmTimeoutMs: 30_000,
  stuckAfterMs: 60_000,
  sessionSettings: {},
};

/**
 * Publishes committed outbox rows to RabbitMQ: claims a batch under lane locks, publishes on
 * a confirm channel, marks the rows in the same transaction. At least once, in order per
 * aggregate, safe with several instances; wakes on NOTIFY or an in-process signal, polls as
 * a fallback, and backs off while the broker or the database is away.
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly options: ResolvedRelayOptions;
  private readonly store: RelayStore;
  private readonly publisher: ConfirmPublisher;
  private readonly pool: Pool;
  private readonly listener: NotifyListener;
  private readonly wakeUp = new WakeUp();
  private running = false;
  private loopDone?: Promise<void>;
  private timers: NodeJS.Timeout[] = [];
  private unsubscribe?: () => void;
  private unsubscribeTopology?: () => void;
  private readonly counters = { published: 0, failedAttempts: 0, deadLettered: 0 };
  private lastError?: string;
  private databaseConnected = false;
  private idle = false;
  private backlog?: RelayStatus['backlog'];

  constructor(options: RelayOptions) {
    this.options = { ...DEFAULTS, ...options };
    this.store = new RelayStore(this.options.table, this.options.maxAttempts);
    this.publisher = new ConfirmPublisher(
      options.connection,
      options.exchanges,
      this.options.confirmTimeoutMs,
    );
    this.pool = new Pool({
      ...this.options.sessionSettings,
      connectionString: options.databaseUrl,
      max: 3,
      application_name: `outbox-relay:${this.options.table}`,
    });
    this.pool.on('error', (err) => this.noteError(err));
    // A terminated session can emit 'error' after its client was released and destroyed; with
    // no listener left that would kill the process, so every client keeps one for life.
    this.pool.on('connect', (client) => client.on('error', (err) => this.noteError(err)));
    this.listener = new NotifyListener(
      { ...this.options.sessionSettings, connectionString: options.databaseUrl },
      outboxChannel(this.options.table),
      () => this.wake(),
      (err) => this.noteError(err),
    );
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = OutboxSignal.subscribe(this.options.table, () => this.wake());
    this.options.connection.on('connected', this.onBrokerConnected);
    this.unsubscribeTopology = this.options.connection.onConnect(async (model) => {
      const channel = await model.createChannel();
      for (const exchange of this.options.exchanges) {
        await channel.assertExchange(exchange, 'topic', { durable: true });
      }
      await channel.close();
    });
    this.listener.start();
    this.timers.push(setInterval(() => void this.cleanup(), this.options.cleanupIntervalMs));
    this.timers.push(setInterval(() => void this.refreshBacklog(), 5_000));
    void this.refreshBacklog();
    this.loopDone = this.loop();
  }

  /** Stops claiming, lets the batch in hand finish (or roll back), then closes everything. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake();
    this.unsubscribe?.();
    this.unsubscribeTopology?.();
    this.options.connection.off('connected', this.onBrokerConnected);
    this.timers.forEach(clearInterval);
    this.timers = [];
    await this.loopDone;
    await this.listener.stop();
    this.wakeUp.reset();
    await this.publisher.close();
    await this.pool.end().catch(() => undefined);
  }

  wake(): void {
    this.wakeUp.wake();
  }

  status(): RelayStatus {
    return {
      running: this.running,
      brokerConnected: this.options.connection.isConnected,
      databaseConnected: this.databaseConnected,
      listening: this.listener.listening,
      idle: this.idle,
      lastError: this.lastError,
      ...this.counters,
      backlog: this.backlog,
    };
  }

  private readonly onBrokerConnected = (): void => this.wake();

  private async loop(): Promise<void> {
    let outageDelay = 0;
    while (this.running) {
      try {
        const result = await this.runBatch();
        this.databaseConnected = true;
        this.lastError = undefined;
        outageDelay = 0;
        if (result.claimed > 0 && !result.drained) continue;
        this.idle = !result.contended && !this.wakeUp.isPending;
        await this.wakeUp.sleep(result.contended ? 25 : this.options.pollIntervalMs);
        this.idle = false;
      } catch (err) {
        this.noteError(err);
        outageDelay = Math.min(this.options.outageMaxDelayMs, Math.max(100, outageDelay * 2));
        await this.wakeUp.sleep(outageDelay, false);
      }
    }
  }

  private async runBatch(): Promise<BatchResult> {
    return this.withClient(async (client) => {
      try {
        return await this.claimAndPublish(client);
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    });
  }

  /**
   * Checks a client out for `work`. A session can die while the client sits idle in our hands
   * (terminated backend, restarted server): the listener turns that into a failed batch instead
   * of an uncaught error, and a client that failed is destroyed rather than reused.
   */
  private async withClient<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      this.databaseConnected = false;
      throw err;
    }
    let failure: Error | undefined;
    const onError = (err: Error): void => {
      failure = err;
      this.noteError(err);
    };
    client.on('error', onError);
    try {
      return await work(client);
    } catch (err) {
      failure = err instanceof Error ? err : new Error(String(err));
      throw err;
    } finally {
      client.off('error', onError);
      client.release(failure);
    }
  }

  /** One batch: two round trips to the database around the publish and its confirms. */
  private async claimAndPublish(client: PoolClient): Promise<BatchResult> {
    const { batchSize, maxLanesPerBatch } = this.options;
    // Twice the batch, so that the rows of the lanes a batch locks fill it when the backlog is
    // spread over every lane and the batch may lock only half of them.
    const lookahead = 2 * batchSize;
    const { lanesWithWork, headRows, lockedLanes, rows } = await this.store.beginAndClaim(
      client,
      lookahead,
      maxLanesPerBatch,
      batchSize,
    );
    if (rows.length === 0) {
      await client.query('COMMIT');
      // Work seen but none claimed: another relay holds its lanes, or has just published it.
      return { claimed: 0, contended: lanesWithWork > 0, drained: true };
    }
    failpoint('relay.before-publish');
    const outcome = await this.publisher.publishBatch(rows);
    failpoint('relay.after-confirm');
    const confirmedAt = Date.now();
    for (const row of outcome.published) {
      commitToPublishSeconds.observe(Math.max(0, confirmedAt - row.createdAt.getTime()) / 1000);
    }
    const dead = await this.store.recordFailures(client, outcome.failed, (attempt) =>
      backoffDelay(attempt, this.options.retryBaseDelayMs, this.options.retryMaxDelayMs),
    );
    await this.store.markPublishedAndCommit(
      client,
      outcome.published.map((r) => r.id),
    );
    this.counters.published += outcome.published.length;
    this.counters.failedAttempts += outcome.failed.length;
    this.counters.deadLettered += dead;
    for (const { row, error } of outcome.failed) {
      withLogFields(rowLogFields(row), () =>
        this.logger.warn(`outbox row ${row.id} (${row.eventType}) not published: ${error}`),
      );
    }
    const drained = rows.length < batchSize && lockedLanes >= lanesWithWork && headRows < lookahead;
    return { claimed: rows.length, contended: false, drained };
  }

  private async cleanup(): Promise<void> {
    try {
      await this.withClient((client) =>
        this.store.cleanUpPublished(client, this.options.retentionMs, () => this.running),
      );
    } catch (err) {
      this.noteError(err);
    }
  }

  private async refreshBacklog(): Promise<void> {
    try {
      const backlog = await this.withClient((client) => this.store.backlog(client));
      const stuck = backlog.pending > 0 && backlog.oldestPendingAgeMs > this.options.stuckAfterMs;
      if (stuck && !this.backlog?.stuck) {
        this.logger.warn(
          `outbox stuck: ${backlog.pending} pending, oldest ${Math.round(backlog.oldestPendingAgeMs / 1000)} s old`,
        );
      }
      this.backlog = { ...backlog, stuck };
      this.databaseConnected = true;
    } catch (err) {
      this.databaseConnected = false;
      this.noteError(err);
    }
  }

  private noteError(err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    if (message !== this.lastError) this.logger.warn(`relay: ${message}`);
    this.lastError = message;
  }
}
