import type { AttemptLogEntry } from '@app/relay';
import type { DeadLetterSummary } from './outbox-dead-letters.types';

/** Listed columns; `cursor_at` keeps the microseconds a JS Date would drop from the cursor. */
export const SUMMARY_COLUMNS = `"id", "event_id", "event_type", "exchange", "routing_key",
  "aggregate_type", "aggregate_id", "aggregate_version", "attempts", "last_error",
  "created_at", "dead_lettered_at",
  to_char("dead_lettered_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursor_at"`;

/** An outbox row as `SUMMARY_COLUMNS` reads it. */
export interface SummaryRow {
  id: string;
  event_id: string;
  event_type: string;
  exchange: string;
  routing_key: string;
  aggregate_type: string;
  aggregate_id: string;
  aggregate_version: number;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  dead_lettered_at: Date;
  cursor_at: string;
}

export interface DetailRow extends SummaryRow {
  payload: unknown;
  headers: Record<string, string>;
  attempt_log: AttemptLogEntry[];
}

/** The API shape of a listed row. */
export function toSummary(r: SummaryRow): DeadLetterSummary {
  return {
    id: r.id,
    eventId: r.event_id,
    eventType: r.event_type,
    exchange: r.exchange,
    routingKey: r.routing_key,
    aggregateType: r.aggregate_type,
    aggregateId: r.aggregate_id,
    aggregateVersion: r.aggregate_version,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at.toISOString(),
    deadLetteredAt: r.dead_lettered_at.toISOString(),
  };
}
