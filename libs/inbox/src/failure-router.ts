import { Logger } from '@nestjs/common';
import type { ConfirmChannel, ConsumeMessage, Message } from 'amqplib';
import type { ConsumerQueueNames } from '@app/amqp';
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
 * with its reason. Each copy keeps the message's id and properties, is published `mandatory`
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

  async deadLetter(channel: ConfirmChannel, msg: ConsumeMessage, reason: string): Promise<void> {
    this.logger.warn(`dead-lettering message ${String(msg.properties.messageId)}: ${reason}`);
    await this.copy(channel, this.names.deadLetterQueue, msg, {
      'x-dead-letter-reason': reason,
      'x-original-queue': this.names.queue,
      'x-dead-lettered-at': new Date().toISOString(),
    });
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
      `retrying ${String(msg.properties.messageId)} in ${delay} ms: ${reasonOf(err)}`,
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
  ): Promise<void> {
    const props = msg.properties;
    const returned = this.watchReturns(channel);
    const key = returnKey(queue, props.messageId);
    return new Promise((resolve, reject) => {
      channel.sendToQueue(
        queue,
        msg.content,
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
