import type { ConfirmChannel, Message } from 'amqplib';
import { consumerExchange, consumerOfQueue, type AmqpConnection } from '@app/amqp';
import { requeueHeaders } from './dead-letter-message';
import type { StoredDeadLetter } from './parked-message.types';

/** The broker could not be reached at all; nothing was republished. */
export class RequeueUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RequeueUnavailableError';
  }
}

export interface RepublishOutcome {
  /** Ids of the dead letters the broker confirmed. */
  confirmed: string[];
  failed: { id: string; error: string }[];
}

const REQUEUED_FROM = 'x-requeued-from';

/**
 * Sends dead letters back to their consumer queue through the consumer's exchange
 * (`<consumer>.queues`, routing key = queue name): the original bytes, `messageId`, `type` and
 * `contentType`, with `mandatory` on a confirm channel, so a letter counts as requeued only once
 * the broker has taken it.
 */
export class DeadLetterRepublisher {
  constructor(
    private readonly connection: AmqpConnection,
    private readonly confirmTimeoutMs = 10_000,
  ) {}

  async republish(letters: StoredDeadLetter[], actor: string): Promise<RepublishOutcome> {
    let channel: ConfirmChannel;
    try {
      channel = await this.connection.createConfirmChannel();
    } catch (err) {
      throw new RequeueUnavailableError(`broker unavailable: ${(err as Error).message}`);
    }
    const returned = new Set<string>();
    channel.on('error', () => undefined);
    channel.on('return', (msg: Message) => {
      const headers = (msg.properties.headers ?? {}) as Record<string, unknown>;
      returned.add(String(headers[REQUEUED_FROM]));
    });
    try {
      const errors = await Promise.all(
        letters.map((letter) => this.publishOne(channel, letter, actor)),
      );
      const outcome: RepublishOutcome = { confirmed: [], failed: [] };
      letters.forEach((letter, i) => {
        // A return arrives before its confirm: an unroutable letter is a failure, not a success.
        const error =
          errors[i] ?? (returned.has(letter.id) ? `no queue ${letter.queue}` : undefined);
        if (error) outcome.failed.push({ id: letter.id, error });
        else outcome.confirmed.push(letter.id);
      });
      return outcome;
    } finally {
      await channel.close().catch(() => undefined);
    }
  }

  // Resolves with an error message instead of rejecting, so one failure does not hide the rest.
  private publishOne(
    channel: ConfirmChannel,
    letter: StoredDeadLetter,
    actor: string,
  ): Promise<string | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => resolve(`not confirmed within ${this.confirmTimeoutMs} ms`),
        this.confirmTimeoutMs,
      );
      const settle = (error?: string): void => {
        clearTimeout(timer);
        resolve(error);
      };
      try {
        channel.publish(
          consumerExchange(consumerOfQueue(letter.queue)),
          letter.queue,
          letter.body,
          {
            persistent: true,
            mandatory: true,
            messageId: letter.messageId ?? undefined,
            type: letter.eventType ?? undefined,
            contentType: letter.contentType ?? undefined,
            headers: requeueHeaders(letter.headers, actor, letter.id),
          },
          (err: unknown) => settle(err ? `not confirmed: ${reasonOf(err)}` : undefined),
        );
      } catch (err) {
        settle(`could not publish: ${reasonOf(err)}`);
      }
    });
  }
}

function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : JSON.stringify(err);
}
