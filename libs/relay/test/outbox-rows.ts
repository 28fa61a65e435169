import { createCloudEvent, laneFor, type CloudEvent } from '@app/outbox';
import type { DatabaseProbe } from '@app/testing';

/**
 * Inserts rows of aggregate `thing:<aggregateId>` into `outbox_messages` the way `Outbox.add`
 * does, one committed statement each, with no wake-up at all.
 */
export async function insertOutboxRows(
  db: DatabaseProbe,
  aggregateId: string,
  versions: number[],
  type = 'thing.updated',
): Promise<CloudEvent[]> {
  const events: CloudEvent[] = [];
  for (const version of versions) {
    const event = createCloudEvent({
      source: '/t',
      type,
      subject: aggregateId,
      aggregateVersion: version,
      data: { version },
    });
    await db.query(
      `INSERT INTO outbox_messages (event_id, lane, aggregate_type, aggregate_id, aggregate_version,
         event_type, exchange, routing_key, payload) VALUES ($1,$2,'thing',$3,$4,$5,'thing.events',$5,$6)`,
      [event.id, laneFor('thing', aggregateId), aggregateId, version, type, JSON.stringify(event)],
    );
    events.push(event);
  }
  return events;
}

/**
 * Whether a session of the relay of `outbox_messages` in the probe's database waits for a lock
 * in a statement whose text contains `fragment` (and meets `extra`, SQL over pg_stat_activity).
 */
export async function relayWaitsForLock(
  db: DatabaseProbe,
  fragment: string,
  extra = 'true',
): Promise<boolean> {
  const rows = await db.query(
    `SELECT 1 FROM pg_stat_activity
      WHERE datname = current_database() AND application_name = 'outbox-relay:outbox_messages'
        AND wait_event_type = 'Lock' AND position($1 in query) > 0 AND (${extra})`,
    [fragment],
  );
  return rows.length > 0;
}
