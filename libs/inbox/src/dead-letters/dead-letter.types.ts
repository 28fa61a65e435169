/** Where a dead letter stands: parked until an operator requeues or discards it. */
export type DeadLetterStatus = 'parked' | 'requeued' | 'discarded';

export const DEAD_LETTER_STATUSES: readonly DeadLetterStatus[] = [
  'parked',
  'requeued',
  'discarded',
];

/** Narrows a listing or a bulk requeue; every given field must match exactly. */
export interface DeadLetterFilter {
  /** The consumer queue the message failed in, `<consumer>.<producer>`. */
  queue?: string;
  eventType?: string;
  /** The aggregate id (CloudEvent `subject`). */
  subject?: string;
}

/** Which parked dead letters a requeue takes: exactly one of these. */
export type DeadLetterSelector = { ids: number[] } | { filter: DeadLetterFilter } | { all: true };

/** A message as it is parked, before it has a row id. */
export interface ParkedMessage {
  queue: string;
  messageId: string | null;
  eventType: string | null;
  subject: string | null;
  reason: string;
  attempts: number;
  headers: Record<string, unknown>;
  /** The exact bytes the broker delivered. */
  body: Buffer;
  contentType: string | null;
}

/** One row of the dead-letter table. */
export interface DeadLetter extends ParkedMessage {
  id: number;
  status: DeadLetterStatus;
  parkedAt: Date;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  /** Why an operator discarded it. */
  resolutionNote: string | null;
}

/** What listing returns: a dead letter without its headers and body. */
export type DeadLetterSummary = Omit<DeadLetter, 'headers' | 'body'>;
