import { Logger } from '@nestjs/common';
import type { ConfirmChannel, ConsumeMessage, Message } from 'amqplib';
import type { ConsumerQueueNames } from '@app/amqp';
import { logSafe } from './log-safe';
import { isTransientInfrastructureError } from './transient-errors';

export const RETRY_HEADER = 'x-retry-count';
export const OUTAGE_HEADER = 'x-outage-retries';

export interface RetryPolicy {
  maxRetries: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
}

export function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Where a failed message goes: the retry queue with a growing delay, or the dead-letter queue
 * with its reason. Each copy keeps the message's id and properties, goes through the consumer's
 * own exchange (`<consumer>.queues`, routing key = queue name), is published `mandatory`
 * and confirmed by the broker before the original is acked, so a crash in between duplicates
 * but never loses it; a refused or unroutable copy rejects, and the caller requeues the original.
 */
export class FailureRouter {
  /** Per channel: copies the broker returned as unroutable, by queue and message id. */
  private readonly returned = new WeakMap<ConfirmChannel, Map<string, number>>();

  constructor(
    private readonly names: ConsumerQueueNames,
    private readonly policy: RetryPolicy,
    private readonly logger: Logger,
  ) {}

  /** Retries a failed handler; infrastructure failures retry without spending the budget. */
  async retryOrDeadLetter(
    channel: ConfirmChannel,
    msg: ConsumeMessage,
    err: unknown,
  ): Promise<'retried' | 'dead-lettered'> {
    const headers = msg.properties.headers ?? {};
    if (isTransientInfrastructureError(err)) {
      const outages = Number(headers[OUTAGE_HEADER] ?? 0);
      await this.retry(channel, msg, outages, err, { [OUTAGE_HEADER]: outages + 1 });
      return 'retried';
    }
    const retries = Number(headers[RETRY_HEADER] ?? 0);
    if (retries >= this.policy.maxRetries) {
      await this.deadLetter(channel, msg, `gave up after ${retries} retries: ${reasonOf(err)}`);
      return 'dead-lettered';
    }
    await this.retry(channel, msg, retries, err, { [RETRY_HEADER]: retries + 1 });
    return 'retried';
  }

  /**
   * Copies `msg` to the dead-letter queue with its reason. With `keepBytes`, a longer body is
   * cut to its first `keepBytes` bytes (an oversized message is parked for inspection, not
   * carried whole), and `x-original-size` says how long it was.
   */
  async deadLetter(
    channel: ConfirmChannel,
    msg: ConsumeMessage,
    reason: string,
    keepBytes?: number,
  ): Promise<void> {
    this.logger.warn(
      `dead-lettering message ${logSafe(msg.properties.messageId)}: ${logSafe(reason)}`,
    );
    const cut = keepBytes !== undefined && msg.content.length > keepBytes;
    await this.copy(
      channel,
      this.names.deadLetterQueue,
      msg,
      {
        'x-dead-letter-reason': reason,
        'x-original-queue': this.names.queue,
        'x-dead-lettered-at': new Date().toISOString(),
        ...(cut ? { 'x-original-size': msg.content.length } : {}),
      },
      undefined,
      cut ? msg.content.subarray(0, keepBytes) : msg.content,
    );
  }

  private async retry(
    channel: ConfirmChannel,
    msg: ConsumeMessage,
    attempt: number,
    err: unknown,
    headers: Record<string, unknown>,
  ): Promise<void> {
    const delay = Math.min(
      this.policy.retryMaxDelayMs,
      this.policy.retryBaseDelayMs * 2 ** Math.min(attempt, 20),
    );
    this.logger.warn(
      `retrying ${logSafe(msg.properties.messageId)} in ${delay} ms: ${logSafe(reasonOf(err))}`,
    );
    await this.copy(
      channel,
      this.names.retryQueue,
      msg,
      { ...headers, 'x-last-error': reasonOf(err) },
      String(delay),
    );
  }

  private copy(
    channel: ConfirmChannel,
    queue: string,
    msg: ConsumeMessage,
    headers: Record<string, unknown>,
    expiration?: string,
    body: Buffer = msg.content,
  ): Promise<void> {
    const props = msg.properties;
    const returned = this.watchReturns(channel);
    const key = returnKey(queue, props.messageId);
    return new Promise((resolve, reject) => {
      // Through the consumer's own exchange, bound to each of its queues by name.
      channel.publish(
        this.names.exchange,
        queue,
        body,
        {
          persistent: true,
          mandatory: true,
          messageId: props.messageId as string | undefined,
          type: props.type as string | undefined,
          contentType: props.contentType as string | undefined,
          timestamp: props.timestamp as number | undefined,
          headers: { ...(props.headers ?? {}), ...headers },
          expiration,
        },
        (err: unknown) => {
          // The broker sends basic.return before the basic.ack of the same message.
          const returns = returned.get(key) ?? 0;
          if (returns > 0) {
            if (returns === 1) returned.delete(key);
            else returned.set(key, returns - 1);
            reject(new Error(`copy to ${queue} unroutable`));
          } else if (err) reject(new Error(`copy to ${queue} not confirmed`));
          else resolve();
        },
      );
    });
  }

  private watchReturns(channel: ConfirmChannel): Map<string, number> {
    let returned = this.returned.get(channel);
    if (!returned) {
      const byKey = new Map<string, number>();
      channel.on('return', (msg: Message) => {
        const key = returnKey(msg.fields.routingKey, msg.properties.messageId);
        byKey.set(key, (byKey.get(key) ?? 0) + 1);
      });
      this.returned.set(channel, byKey);
      returned = byKey;
    }
    return returned;
  }
}

function returnKey(queue: string, messageId: unknown): string {
  return `${queue}\u0000${String(messageId)}`;
}
