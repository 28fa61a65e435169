import type { DataSource, EntityManager } from 'typeorm';
import { failpoint } from '@app/failpoints';
import type { CloudEvent } from '@app/outbox';
import { startProcessSpan, withLogFields, type MessageSpan } from '@app/telemetry';
import { messageLogFields, type MessageTrace } from './message-trace';

/** Handles one event inside the inbox transaction; throw `PermanentMessageError` for poison. */
export type EventHandler = (manager: EntityManager, event: CloudEvent) => Promise<void>;

export interface InboxItem extends MessageTrace {
  event: CloudEvent;
  handler: EventHandler;
}

export type InboxOutcome = 'applied' | 'duplicate';

/**
 * Applies events exactly once per consumer: in one transaction, each message id goes into the
 * inbox and only the events whose id was new reach their handler. Several events share the
 * transaction (and its commit) when they arrive together; any failure rolls all of them back
 * and is thrown, so the caller can retry them one at a time.
 *
 * Each message is a span in its own trace, from the transaction's start to its commit (or
 * rollback); its handler runs inside it, so its log lines carry the message's ids and trace,
 * and the events it writes to an outbox continue that trace.
 */
export class InboxBatch {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inboxTable: string,
    private readonly consumer: string,
    private readonly queue = consumer,
  ) {}

  /** Outcomes in the order of `items`; a repeated id inside the batch is a duplicate. */
  async apply(items: InboxItem[]): Promise<InboxOutcome[]> {
    const spans = items.map((item) => this.spanOf(item));
    try {
      const outcomes = await this.dataSource.transaction(async (manager) => {
        const fresh = await this.record(manager, items);
        const outcomes: InboxOutcome[] = [];
        for (const [i, item] of items.entries()) {
          if (!fresh.delete(item.event.id)) {
            outcomes.push('duplicate');
            continue;
          }
          await spans[i].run(() =>
            withLogFields(messageLogFields(item), () => item.handler(manager, item.event)),
          );
          outcomes.push('applied');
        }
        failpoint('consumer.before-commit');
        return outcomes;
      });
      spans.forEach((span, i) => span.end({ attributes: { outcome: outcomes[i] } }));
      return outcomes;
    } catch (err) {
      spans.forEach((span) =>
        span.end({ error: err instanceof Error ? err.message : String(err) }),
      );
      throw err;
    }
  }

  private spanOf({ event, messageId, traceparent }: InboxItem): MessageSpan {
    return startProcessSpan({
      traceparent: traceparent ?? event.traceparent,
      queue: this.queue,
      consumer: this.consumer,
      messageId,
      eventId: event.id,
      eventType: event.type,
      subject: event.subject,
    });
  }

  /** Inserts the ids into the inbox; returns those that were not there yet. */
  private async record(manager: EntityManager, items: InboxItem[]): Promise<Set<string>> {
    const rows: { message_id: string }[] = await manager.query(
      `INSERT INTO "${this.inboxTable}" ("consumer", "message_id", "event_type")
       SELECT $1, m.id, m.type FROM unnest($2::text[], $3::text[]) AS m(id, type)
       ON CONFLICT DO NOTHING RETURNING "message_id"`,
      [this.consumer, items.map((i) => i.event.id), items.map((i) => i.event.type)],
    );
    return new Set(rows.map((r) => r.message_id));
  }
}
