import type { DeadLetterStatus, DeadLetterSummary, DeadLetterView } from '../dead-letter.types';
import type { StoredDeadLetter } from './parked-message.types';

/** A `dead_letters` row as the driver returns it; `headers` and `body` only when selected. */
export interface DeadLetterRow {
  id: string;
  queue: string;
  message_id: string | null;
  event_type: string | null;
  subject: string | null;
  reason: string;
  attempts: number;
  headers?: Record<string, unknown>;
  body?: Buffer;
  content_type: string | null;
  parked_at: Date;
  status: DeadLetterStatus;
  resolved_at: Date | null;
  resolved_by: string | null;
  resolution_note: string | null;
}

/** A full row (headers and body selected) as the store hands it out. */
export function toStored(r: DeadLetterRow): StoredDeadLetter {
  return {
    id: r.id,
    queue: r.queue,
    messageId: r.message_id,
    eventType: r.event_type,
    subject: r.subject,
    reason: r.reason,
    attempts: r.attempts,
    headers: r.headers ?? {},
    body: r.body ?? Buffer.alloc(0),
    contentType: r.content_type,
    parkedAt: r.parked_at,
    status: r.status,
    resolvedAt: r.resolved_at,
    resolvedBy: r.resolved_by,
    resolutionNote: r.resolution_note,
  };
}

/** A parked consumer message in the shape both kinds share. */
export function toConsumerSummary(r: DeadLetterRow): DeadLetterSummary {
  return {
    id: r.id,
    kind: 'consumer',
    status: r.status,
    destination: r.queue,
    messageId: r.message_id,
    eventType: r.event_type,
    subject: r.subject,
    reason: r.reason,
    attempts: r.attempts,
    deadLetteredAt: r.parked_at.toISOString(),
    resolvedAt: r.resolved_at?.toISOString() ?? null,
    resolvedBy: r.resolved_by,
    resolutionNote: r.resolution_note,
  };
}

/**
 * The inspect view of a full row. The broker keeps no history of the attempts, so the log is
 * the failure it was parked with: the last handler error (`x-last-error`), else the reason.
 */
export function toConsumerView(r: DeadLetterRow): DeadLetterView {
  const body = r.body ?? Buffer.alloc(0);
  const headers = r.headers ?? {};
  const text = body.toString('utf8');
  const lastError = headers['x-last-error'];
  return {
    ...toConsumerSummary(r),
    contentType: r.content_type,
    headers,
    body: text,
    bodyBase64: body.toString('base64'),
    payload: parseJson(text),
    attemptLog: [
      {
        at: r.parked_at.toISOString(),
        error: typeof lastError === 'string' && lastError !== '' ? lastError : r.reason,
      },
    ],
  };
}

/** The body parsed, when it is JSON; otherwise null. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
