import type { DataSource, EntityManager } from 'typeorm';
import { failpoint } from '@app/failpoints';
import type { CloudEvent } from '@app/outbox';
import { startProcessSpan, withLogFields, type MessageSpan } from '@app/telemetry';
import { messageLogFields, type MessageTrace } from './message-trace';
import { StagedWrites, type StageWrites } from './staged-writes';

/**
 * Handles one event inside the inbox transaction; throw `PermanentMessageError` for poison.
 * Writes go through `manager` at once, or through `stage` for the flush before COMMIT.
 */
export type EventHandler = (
  manager: EntityManager,
  event: CloudEvent,
  stage: StageWrites,
) => Promise<void>;

export interface InboxItem extends MessageTrace {
  event: CloudEvent;
  handler: EventHandler;
}

export type InboxOutcome = 'applied' | 'duplicate';

/**
 * Applies events exactly once per consumer: in one transaction, each message id goes into the
 * inbox and only the events whose id was new reach their handler. Several events share the
 * transaction (and its commit) when they arrive together; any failure rolls all of them back
 * and is thrown, so the caller can retry them one at a time. What the handlers stage is
 * flushed once per key after the last handler, before COMMIT (`StagedWrites`): a burst of
 * messages writes its mirror rows in one statement instead of one each.
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
        const staged = new StagedWrites();
        const outcomes: InboxOutcome[] = [];
        for (const [i, item] of items.entries()) {
          if (!fresh.delete(item.event.id)) {
            outcomes.push('duplicate');
            continue;
          }
          const fields = messageLogFields(item);
          const stage = staged.stagerOf({ span: spans[i], fields });
          await spans[i].run(() =>
            withLogFields(fields, () => item.handler(manager, item.event, stage)),
          );
          outcomes.push('applied');
        }
        await staged.flush(manager);
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
