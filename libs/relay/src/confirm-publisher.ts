import type { ConfirmChannel, Message } from 'amqplib';
import type { AmqpConnection } from '@app/amqp';
import { CLOUD_EVENTS_CONTENT_TYPE, PUBLISHED_AT_HEADER } from '@app/outbox';
import { startPublishSpan, type MessageSpan } from '@app/telemetry';
import type { OutboxRow, PublishFailure } from './outbox-row';

/** The broker could not take the batch at all (connection or channel gone): retry it whole. */
export class BrokerUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BrokerUnavailableError';
  }
}

export interface BatchOutcome {
  published: OutboxRow[];
  failed: PublishFailure[];
  /** Rows neither published nor failed: later rows of an aggregate whose earlier row failed. */
  held: OutboxRow[];
}

/**
 * Publishes rows on a confirm channel with `mandatory`, so an unroutable message is a failure,
 * not a silent success. A batch is pipelined and then awaited as a whole. Each row's publish is
 * a span in the trace that wrote it, and the message's `traceparent` header names that span.
 */
export class ConfirmPublisher {
  private channel?: ConfirmChannel;
  private opening?: Promise<ConfirmChannel>;

  constructor(
    private readonly connection: AmqpConnection,
    private readonly exchanges: string[],
    private readonly confirmTimeoutMs: number,
  ) {}

  async publishBatch(rows: OutboxRow[]): Promise<BatchOutcome> {
    const channel = await this.openChannel();
    const returned = new Map<string, string>();
    let closed = false;
    const onReturn = (msg: Message): void => {
      const id = String(msg.properties.messageId);
      returned.set(
        id,
        `unroutable: ${msg.fields.routingKey} (${String((msg.fields as { replyText?: string }).replyText ?? 'NO_ROUTE')})`,
      );
    };
    const onClose = (): void => {
      closed = true;
    };
    channel.on('return', onReturn);
    channel.once('close', onClose);
    const spans = rows.map(publishSpan);
    try {
      const results = await this.withTimeout(
        Promise.all(rows.map((row, i) => this.publishOne(channel, row, spans[i]))),
      );
      if (closed) throw new BrokerUnavailableError('channel closed before all confirms arrived');
      const outcome = this.classify(rows, results, returned);
      endSpans(spans, rows, outcome);
      return outcome;
    } catch (err) {
      spans.forEach((span) => span.end({ error: String(err) }));
      throw err;
    } finally {
      channel.off('return', onReturn);
      channel.off('close', onClose);
    }
  }

  async close(): Promise<void> {
    const channel = this.channel;
    this.channel = undefined;
    if (channel) await channel.close().catch(() => undefined);
  }

  private publishOne(
    channel: ConfirmChannel,
    row: OutboxRow,
    span: MessageSpan,
  ): Promise<string | undefined> {
    return new Promise((resolve) => {
      try {
        channel.publish(
          row.exchange,
          row.routingKey,
          Buffer.from(row.body),
          {
            persistent: true,
            mandatory: true,
            messageId: row.eventId,
            type: row.eventType,
            contentType: CLOUD_EVENTS_CONTENT_TYPE,
            timestamp: Math.floor(row.createdAt.getTime() / 1000),
            headers: {
              ...row.headers,
              ...(span.traceparent ? { traceparent: span.traceparent } : {}),
              [PUBLISHED_AT_HEADER]: Date.now(),
            },
          },
          // amqplib calls back with null on ack, and an Error on nack or channel close.
          (err: Error | null) => resolve(err ? `nacked by the broker: ${String(err)}` : undefined),
        );
      } catch (err) {
        resolve(`publish failed: ${String(err)}`);
      }
    });
  }

  private classify(
    rows: OutboxRow[],
    results: (string | undefined)[],
    returned: Map<string, string>,
  ): BatchOutcome {
    const outcome: BatchOutcome = { published: [], failed: [], held: [] };
    const blocked = new Set<string>();
    rows.forEach((row, i) => {
      if (blocked.has(row.aggregateKey)) {
        outcome.held.push(row);
        return;
      }
      const error = returned.get(row.eventId) ?? results[i];
      if (error === undefined) {
        outcome.published.push(row);
      } else {
        outcome.failed.push({ row, error });
        blocked.add(row.aggregateKey);
      }
    });
    return outcome;
  }

  private async openChannel(): Promise<ConfirmChannel> {
    if (this.channel) return this.channel;
    if (!this.connection.isConnected) throw new BrokerUnavailableError('broker not connected');
    this.opening ??= (async () => {
      const channel = await this.connection.createConfirmChannel();
      channel.on('error', () => undefined);
      channel.once('close', () => {
        if (this.channel === channel) this.channel = undefined;
      });
      for (const exchange of this.exchanges) {
        await channel.assertExchange(exchange, 'topic', { durable: true });
      }
      this.channel = channel;
      return channel;
    })().finally(() => {
      this.opening = undefined;
    });
    try {
      return await this.opening;
    } catch (err) {
      throw new BrokerUnavailableError(`cannot open a confirm channel: ${String(err)}`);
    }
  }

  private async withTimeout<T>(work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // A hung channel is closed so its callbacks settle and the next batch opens a fresh one.
        void this.close();
        reject(new BrokerUnavailableError(`no confirm within ${this.confirmTimeoutMs} ms`));
      }, this.confirmTimeoutMs);
    });
    try {
      return await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

function publishSpan(row: OutboxRow): MessageSpan {
  return startPublishSpan({
    traceparent: row.headers.traceparent,
    exchange: row.exchange,
    routingKey: row.routingKey,
    messageId: row.eventId,
    eventType: row.eventType,
    outboxId: row.id,
  });
}

/** A row held back behind its aggregate's failed one was sent, and will be sent again. */
function endSpans(spans: MessageSpan[], rows: OutboxRow[], outcome: BatchOutcome): void {
  const failed = new Map(outcome.failed.map(({ row, error }) => [row, error]));
  const held = new Set(outcome.held);
  rows.forEach((row, i) => {
    const error = failed.get(row);
    if (error !== undefined) spans[i].end({ error });
    else spans[i].end({ attributes: { outcome: held.has(row) ? 'held' : 'published' } });
  });
}
