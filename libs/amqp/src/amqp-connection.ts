import { EventEmitter } from 'node:events';
import * as amqp from 'amqplib';
import type { Channel, ChannelModel, ConfirmChannel, RecoveringChannelModel } from 'amqplib';

export interface AmqpConnectionOptions {
  url: string;
  /** Shown in the RabbitMQ management UI, handy when several services share a broker. */
  connectionName?: string;
  heartbeatSeconds?: number;
  /** Reconnect delay bounds; the connection retries forever. */
  initialReconnectDelayMs?: number;
  maxReconnectDelayMs?: number;
}

type SetupFn = (model: ChannelModel) => Promise<void>;

/**
 * One broker connection that reconnects by itself, forever, with jittered backoff.
 * Channels do not survive a reconnect: register an `onConnect` setup that (re)creates
 * them; it runs now if connected and again after every reconnect.
 */
export class AmqpConnection extends EventEmitter {
  private recovering?: RecoveringChannelModel;
  private current?: ChannelModel;
  private readonly setups = new Set<SetupFn>();
  private closed = false;
  private lastError?: string;

  constructor(private readonly options: AmqpConnectionOptions) {
    super();
  }

  get isConnected(): boolean {
    return this.current !== undefined;
  }

  get lastErrorMessage(): string | undefined {
    return this.lastError;
  }

  /** Starts connecting in the background; never throws for a broker that is away. */
  async start(): Promise<void> {
    if (this.recovering) return;
    const url = new URL(this.options.url);
    if (this.options.heartbeatSeconds !== undefined) {
      url.searchParams.set('heartbeat', String(this.options.heartbeatSeconds));
    }
    this.recovering = await amqp.connect(url.toString(), {
      clientProperties: { connection_name: this.options.connectionName ?? 'nest-service' },
      recovery: {
        initialDelay: this.options.initialReconnectDelayMs ?? 100,
        maxDelay: this.options.maxReconnectDelayMs ?? 5_000,
        waitForConnect: false,
      },
    });
    this.recovering.on('connect', (model) => void this.onConnected(model));
    this.recovering.on('disconnect', (err) => this.onDisconnected(err));
    this.recovering.on('connect-failed', (err) => this.noteError(err));
    this.recovering.on('reconnect-scheduled', ({ error }) => this.noteError(error));
    this.recovering.on('error', (err) => this.noteError(err));
  }

  /** Resolves once connected, or rejects after `timeoutMs`. */
  async waitUntilConnected(timeoutMs = 30_000): Promise<void> {
    if (this.isConnected) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('connected', onConnected);
        reject(new Error(`broker not reachable within ${timeoutMs} ms: ${this.lastError ?? ''}`));
      }, timeoutMs);
      const onConnected = (): void => {
        clearTimeout(timer);
        resolve();
      };
      this.once('connected', onConnected);
    });
  }

  /** Registers a setup step run on every (re)connection, including now if connected. */
  onConnect(setup: SetupFn): () => void {
    this.setups.add(setup);
    if (this.current) void this.runSetup(this.current, setup);
    return () => this.setups.delete(setup);
  }

  async createChannel(): Promise<Channel> {
    return this.requireModel().createChannel();
  }

  async createConfirmChannel(): Promise<ConfirmChannel> {
    return this.requireModel().createConfirmChannel();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.setups.clear();
    const recovering = this.recovering;
    this.recovering = undefined;
    this.current = undefined;
    if (recovering) await recovering.close().catch(() => undefined);
  }

  private requireModel(): ChannelModel {
    if (!this.current) throw new Error('broker connection is not open');
    return this.current;
  }

  private async onConnected(model: ChannelModel): Promise<void> {
    if (this.closed) return;
    this.current = model;
    this.lastError = undefined;
    // A snapshot: a setup registered from here on runs through `onConnect`'s immediate path;
    // iterating the live set would run it a second time (a second consumer on one queue).
    for (const setup of [...this.setups]) await this.runSetup(model, setup);
    this.emit('connected');
  }

  private onDisconnected(err: Error): void {
    this.current = undefined;
    this.noteError(err);
    if (!this.closed) this.emit('disconnected', err);
  }

  private async runSetup(model: ChannelModel, setup: SetupFn): Promise<void> {
    try {
      await setup(model);
    } catch (err) {
      this.noteError(err);
      // A failed setup leaves the service half-wired; force a reconnect to retry it.
      if (this.current === model) await model.close().catch(() => undefined);
    }
  }

  private noteError(err: unknown): void {
    this.lastError = err instanceof Error ? err.message : String(err);
    this.emit('problem', this.lastError);
  }
}
