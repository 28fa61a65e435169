import { Logger } from '@nestjs/common';
import { Client, Pool, type PoolClient } from 'pg';
import { DEFAULT_OUTBOX_TABLE, OUTBOX_LANES, OutboxSignal, outboxChannel } from '@app/outbox';
import { backoffDelay } from './backoff';
import { ConfirmPublisher } from './confirm-publisher';
import type { RelayOptions, ResolvedRelayOptions } from './relay.options';
import type { RelayStatus } from './relay-status';
import { RelayStore } from './relay-store';

interface BatchResult {
  claimed: number;
  contended: boolean;
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
  private listener?: Client;
  private running = false;
  private loopDone?: Promise<void>;
  private wakeUp?: () => void;
  private wakePending = false;
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
      connectionString: options.databaseUrl,
      max: 3,
      application_name: `outbox-relay:${this.options.table}`,
    });
    this.pool.on('error', (err) => this.noteError(err));
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
    void this.listen();
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
    await this.listener?.end().catch(() => undefined);
    await this.publisher.close();
    await this.pool.end().catch(() => undefined);
  }

  wake(): void {
    this.wakePending = true;
    this.wakeUp?.();
  }

  status(): RelayStatus {
    return {
      running: this.running,
      brokerConnected: this.options.connection.isConnected,
      databaseConnected: this.databaseConnected,
      listening: this.listener !== undefined,
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
        if (result.claimed > 0) continue;
        this.idle = !result.contended && !this.wakePending;
        await this.sleep(result.contended ? 25 : this.options.pollIntervalMs);
        this.idle = false;
      } catch (err) {
        this.noteError(err);
        outageDelay = Math.min(this.options.outageMaxDelayMs, Math.max(100, outageDelay * 2));
        await this.sleep(outageDelay, false);
      }
    }
  }

  private async runBatch(): Promise<BatchResult> {
    const client = await this.connect();
    let failure: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await this.claimAndPublish(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      failure = err instanceof Error ? err : new Error(String(err));
      await client.query('ROLLBACK').catch(() => undefined);
      throw failure;
    } finally {
      // A client that failed mid-transaction is discarded rather than reused.
      client.release(failure);
    }
  }

  private async claimAndPublish(client: PoolClient): Promise<BatchResult> {
    const { batchSize, maxLanesPerBatch } = this.options;
    const head = await this.store.lanesWithWork(client, batchSize);
    if (head.length === 0) return { claimed: 0, contended: false };
    const rest = shuffled(allLanes().filter((lane) => !head.includes(lane)));
    const lanes = await this.store.lockLanes(client, [...head, ...rest], maxLanesPerBatch);
    const rows = lanes.length > 0 ? await this.store.claim(client, lanes, batchSize) : [];
    if (rows.length === 0) return { claimed: 0, contended: lanes.length < head.length };
    const outcome = await this.publisher.publishBatch(rows);
    await this.store.markPublished(
      client,
      outcome.published.map((r) => r.id),
    );
    const dead = await this.store.recordFailures(client, outcome.failed, (attempt) =>
      backoffDelay(attempt, this.options.retryBaseDelayMs, this.options.retryMaxDelayMs),
    );
    this.counters.published += outcome.published.length;
    this.counters.failedAttempts += outcome.failed.length;
    this.counters.deadLettered += dead;
    for (const { row, error } of outcome.failed) {
      this.logger.warn(`outbox row ${row.id} (${row.eventType}) not published: ${error}`);
    }
    return { claimed: rows.length, contended: false };
  }

  private async connect(): Promise<PoolClient> {
    try {
      return await this.pool.connect();
    } catch (err) {
      this.databaseConnected = false;
      throw err;
    }
  }

  private async listen(): Promise<void> {
    while (this.running) {
      const client = new Client({ connectionString: this.options.databaseUrl });
      try {
        await client.connect();
        const ended = new Promise<void>((resolve) => {
          client.once('end', resolve);
          client.once('error', () => resolve());
        });
        client.on('notification', () => this.wake());
        await client.query(`LISTEN "${outboxChannel(this.options.table)}"`);
        this.listener = client;
        this.wake(); // anything committed while we were not listening
        await ended;
      } catch (err) {
        this.noteError(err);
      } finally {
        this.listener = undefined;
        await client.end().catch(() => undefined);
      }
      if (this.running) await delay(1_000);
    }
  }

  private async cleanup(): Promise<void> {
    let client: PoolClient | undefined;
    try {
      client = await this.pool.connect();
      // One relay at a time cleans up; the others skip this round.
      const { rows } = await client.query<{ ok: boolean }>(
        'SELECT pg_try_advisory_lock($1, -1) AS ok',
        [hashNamespace(this.options.table)],
      );
      if (!rows[0].ok) return;
      try {
        while (
          this.running &&
          (await this.store.deletePublishedBefore(client, this.options.retentionMs)) > 0
        );
      } finally {
        await client.query('SELECT pg_advisory_unlock($1, -1)', [
          hashNamespace(this.options.table),
        ]);
      }
    } catch (err) {
      this.noteError(err);
    } finally {
      client?.release();
    }
  }

  private async refreshBacklog(): Promise<void> {
    let client: PoolClient | undefined;
    try {
      client = await this.pool.connect();
      this.backlog = await this.store.backlog(client);
      this.databaseConnected = true;
    } catch (err) {
      this.databaseConnected = false;
      this.noteError(err);
    } finally {
      client?.release();
    }
  }

  private sleep(ms: number, wakeable = true): Promise<void> {
    if (wakeable && this.wakePending) {
      this.wakePending = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = wakeable
        ? () => {
            this.wakePending = false;
            this.wakeUp = undefined;
            done();
          }
        : undefined;
    }).finally(() => {
      if (!this.running) this.wakePending = false;
    });
  }

  private noteError(err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    if (message !== this.lastError) this.logger.warn(`relay: ${message}`);
    this.lastError = message;
  }
}

function hashNamespace(table: string): number {
  let hash = 7;
  for (let i = 0; i < table.length; i++) hash = (Math.imul(hash, 33) + table.charCodeAt(i)) | 0;
  return hash;
}

function allLanes(): number[] {
  return Array.from({ length: OUTBOX_LANES }, (_, i) => i);
}

function shuffled<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
