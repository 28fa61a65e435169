import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@nestjs/common';
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import { jitteredBackoff } from './backoff';
import { reasonOf } from './failure-router';
import { logSafe } from './log-safe';

/**
 * Requeues messages whose copy to the retry or dead-letter queue did not happen, after a pause
 * that grows with the broker's delivery count (the queue's delivery limit dead-letters a message
 * whose copies keep failing). `abort()` cuts the pauses short; `pending` lists requeues not done.
 */
export class HandBack {
  private readonly waiting = new Set<Promise<void>>();
  private abortController = new AbortController();

  constructor(
    private readonly logger: Logger,
    private readonly baseDelayMs: number,
    private readonly maxDelayMs: number,
  ) {}

  get pending(): Promise<void>[] {
    return [...this.waiting];
  }

  /** Pauses wait again (after `abort()`, for a consumer started anew). */
  reset(): void {
    this.abortController = new AbortController();
  }

  abort(): void {
    this.abortController.abort();
  }

  requeue(channel: ConfirmChannel, msg: ConsumeMessage, err: unknown): void {
    const deliveries = Number(msg.properties.headers?.['x-delivery-count'] ?? 0);
    const delay = jitteredBackoff(this.baseDelayMs, this.maxDelayMs, deliveries);
    this.logger.warn(
      `could not route ${logSafe(msg.properties.messageId)} (${logSafe(reasonOf(err))}); requeueing it in ${delay} ms`,
    );
    const work = sleep(delay, undefined, { signal: this.abortController.signal })
      .catch(() => undefined)
      .then(() => {
        try {
          channel.nack(msg, false, true);
        } catch {
          // The channel closed meanwhile: the broker requeued it already.
        }
      })
      .finally(() => this.waiting.delete(work));
    this.waiting.add(work);
  }
}
