import type { Logger } from '@nestjs/common';
import type { ConfirmChannel } from 'amqplib';
import type { AmqpConnection } from '@app/amqp';
import { jitteredBackoff } from './backoff';

/** First pause before subscribing again after a failure; doubles per failure, jittered. */
const RESUBSCRIBE_BASE_DELAY_MS = 250;
const RESUBSCRIBE_MAX_DELAY_MS = 30_000;

export interface SubscriptionHooks {
  /** Declares what the queue needs on `channel` and consumes; resolves with the consumer tag. */
  consume: (channel: ConfirmChannel) => Promise<string>;
  /** `channel` closed (however): forget deliveries that can no longer be acknowledged on it. */
  closed: (channel: ConfirmChannel) => void;
  /** Resolves once the work started on `channel` has settled, before it is closed. */
  drained: () => Promise<void>;
}

/**
 * Keeps one consumer channel subscribed for as long as it runs: on every (re)connection, and
 * again, with jittered backoff, whenever the broker closes the channel or cancels the consumer
 * while the connection stays up (a channel error, a deleted queue, a failed declaration). A
 * failure stays on this channel: the shared connection is never closed for it.
 */
export class ConsumerSubscription {
  private channel?: ConfirmChannel;
  private consumerTag?: string;
  private opening?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private failures = 0;
  private stopping = true;
  private unregister?: () => void;
  private error?: string;

  constructor(
    private readonly connection: AmqpConnection,
    private readonly logger: Logger,
    private readonly hooks: SubscriptionHooks,
  ) {}

  get consuming(): boolean {
    return this.consumerTag !== undefined;
  }

  /** Why the last attempt to subscribe failed or the broker ended the subscription. */
  get lastError(): string | undefined {
    return this.error;
  }

  /** False once `stop()` began: deliveries that still arrive are left to the broker. */
  get accepting(): boolean {
    return !this.stopping;
  }

  start(): void {
    this.stopping = false;
    this.unregister = this.connection.onConnect(async () => this.attemptNow());
  }

  /**
   * Stops subscribing and cancels the consumer. A setup in flight is awaited and closes its own
   * channel; the current channel stays open (for the acks of work in flight) until `close()`.
   */
  async cancel(): Promise<ConfirmChannel | undefined> {
    this.stopping = true;
    this.unregister?.();
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.opening;
    const channel = this.channel;
    if (channel && this.consumerTag) await channel.cancel(this.consumerTag).catch(() => undefined);
    this.consumerTag = undefined;
    return channel;
  }

  async close(): Promise<void> {
    const channel = this.channel;
    this.channel = undefined;
    if (channel) await channel.close().catch(() => undefined);
  }

  /** The broker cancelled the consumer of `channel` (queue deleted, leader lost): subscribe anew. */
  cancelledByBroker(channel: ConfirmChannel): void {
    if (this.channel !== channel) return;
    this.channel = undefined;
    this.consumerTag = undefined;
    this.failed('consumer cancelled by the broker');
    void this.hooks
      .drained()
      .then(() => channel.close())
      .catch(() => undefined);
  }

  private attemptNow(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.stopping || this.channel) return Promise.resolve();
    this.opening ??= this.open().finally(() => {
      this.opening = undefined;
    });
    return this.opening;
  }

  private async open(): Promise<void> {
    let channel: ConfirmChannel | undefined;
    try {
      channel = await this.connection.createConfirmChannel();
      const opened = channel;
      opened.on('error', (err: Error) => {
        this.error = err.message;
        this.logger.warn(`channel error: ${err.message}`);
      });
      opened.once('close', () => this.onClose(opened));
      const consumerTag = await this.hooks.consume(opened);
      if (this.stopping) {
        // stop() ran during the setup: nothing was taken (deliveries are refused), close it.
        await opened.close().catch(() => undefined);
        return;
      }
      this.channel = opened;
      this.consumerTag = consumerTag;
      this.failures = 0;
      this.error = undefined;
    } catch (err) {
      await channel?.close().catch(() => undefined);
      if (!this.stopping) this.failed(err instanceof Error ? err.message : String(err));
    }
  }

  private onClose(channel: ConfirmChannel): void {
    this.hooks.closed(channel);
    if (this.channel !== channel) return;
    this.channel = undefined;
    this.consumerTag = undefined;
    if (!this.stopping) this.failed(this.error ?? 'channel closed by the broker');
  }

  /** Schedules the next attempt; while disconnected the reconnection's `onConnect` does it. */
  private failed(reason: string): void {
    this.error = reason;
    this.failures++;
    if (this.stopping || this.timer || !this.connection.isConnected) return;
    const delay = jitteredBackoff(
      RESUBSCRIBE_BASE_DELAY_MS,
      RESUBSCRIBE_MAX_DELAY_MS,
      this.failures - 1,
    );
    this.logger.warn(`not consuming (${reason}); subscribing again in ${delay} ms`);
    this.timer = setTimeout(() => void this.attemptNow(), delay);
  }
}
