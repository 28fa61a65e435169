import type { DataSource, EntityManager } from 'typeorm';
import { failpoint } from '@app/failpoints';
import type { CloudEvent } from '@app/outbox';

/** Handles one event inside the inbox transaction; throw `PermanentMessageError` for poison. */
export type EventHandler = (manager: EntityManager, event: CloudEvent) => Promise<void>;

export interface InboxItem {
  event: CloudEvent;
  handler: EventHandler;
}

export type InboxOutcome = 'applied' | 'duplicate';

/**
 * Applies events exactly once per consumer: in one transaction, each message id goes into the
 * inbox and only the events whose id was new reach their handler. Several events share the
 * transaction (and its commit) when they arrive together; any failure rolls all of them back
 * and is thrown, so the caller can retry them one at a time.
 */
export class InboxBatch {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inboxTable: string,
    private readonly consumer: string,
  ) {}

  /** Outcomes in the order of `items`; a repeated id inside the batch is a duplicate. */
  async apply(items: InboxItem[]): Promise<InboxOutcome[]> {
    return this.dataSource.transaction(async (manager) => {
      const fresh = await this.record(manager, items);
      const outcomes: InboxOutcome[] = [];
      for (const { event, handler } of items) {
        if (!fresh.delete(event.id)) {
          outcomes.push('duplicate');
          continue;
        }
        await handler(manager, event);
        outcomes.push('applied');
      }
      failpoint('consumer.before-commit');
      return outcomes;
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
