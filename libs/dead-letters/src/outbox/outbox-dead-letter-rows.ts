import { CLOUD_EVENTS_CONTENT_TYPE } from '@app/outbox';
import type { AuditedLetter } from '../dead-letter-audit';
import type { DeadLetterAttempt, DeadLetterSummary, DeadLetterView } from '../dead-letter.types';

/** Which dead-lettered rows are live (not discarded): the relay gave up, no operator has yet. */
export const PARKED = `"dead_lettered_at" IS NOT NULL AND "discarded_at" IS NULL`;
export const DISCARDED = `"discarded_at" IS NOT NULL`;

/** Listed columns; `cursor_at` keeps the microseconds a JS Date would drop from the cursor. */
export const SUMMARY_COLUMNS = `"id", "event_id", "event_type", "exchange", "aggregate_id",
  "attempts", "last_error", "dead_lettered_at", "discarded_at", "discarded_by", "discard_reason"`;

/** What an action returns of each row it changed: enough to audit it. */
export const CHANGED_COLUMNS = `"id", "event_id", "event_type", "exchange", "aggregate_id"`;

/** The columns an inspection adds: the body exactly as the relay publishes it (`payload::text`). */
export const DETAIL_COLUMNS = `"payload"::text AS "body", "headers", "attempt_log"`;

/** An outbox row as `SUMMARY_COLUMNS` reads it. */
export interface OutboxSummaryRow {
  id: string;
  event_id: string;
  event_type: string;
  exchange: string;
  aggregate_id: string;
  attempts: number;
  last_error: string | null;
  dead_lettered_at: Date;
  discarded_at: Date | null;
  discarded_by: string | null;
  discard_reason: string | null;
}

export interface OutboxDetailRow extends OutboxSummaryRow {
  body: string;
  headers: Record<string, unknown>;
  attempt_log: DeadLetterAttempt[];
}

export type OutboxChangedRow = Pick<
  OutboxSummaryRow,
  'id' | 'event_id' | 'event_type' | 'exchange' | 'aggregate_id'
>;

/** A row an action changed, as the audit names it. */
export function toAuditedLetter(r: OutboxChangedRow): AuditedLetter {
  return {
    id: r.id,
    kind: 'outbox',
    destination: r.exchange,
    messageId: r.event_id,
    eventType: r.event_type,
    subject: r.aggregate_id,
  };
}

/** A dead-lettered outbox row in the shape both kinds share. */
export function toOutboxSummary(r: OutboxSummaryRow): DeadLetterSummary {
  return {
    id: r.id,
    kind: 'outbox',
    status: r.discarded_at ? 'discarded' : 'parked',
    destination: r.exchange,
    messageId: r.event_id,
    eventType: r.event_type,
    subject: r.aggregate_id,
    reason: r.last_error ?? 'unknown',
    attempts: r.attempts,
    deadLetteredAt: r.dead_lettered_at.toISOString(),
    resolvedAt: r.discarded_at?.toISOString() ?? null,
    resolvedBy: r.discarded_by,
    resolutionNote: r.discard_reason,
  };
}

/** The inspect view: the CloudEvent as the relay publishes it, and the attempt log. */
export function toOutboxView(r: OutboxDetailRow): DeadLetterView {
  return {
    ...toOutboxSummary(r),
    contentType: CLOUD_EVENTS_CONTENT_TYPE,
    headers: r.headers,
    body: r.body,
    bodyBase64: Buffer.from(r.body).toString('base64'),
    payload: JSON.parse(r.body) as unknown,
    attemptLog: r.attempt_log,
  };
}
