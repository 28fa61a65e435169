import type { DeadLetterStatus } from '../dead-letter.types';

/** A message as it is parked from `<queue>.dlq`, before it has a row id. */
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

/** One row of the `dead_letters` table. */
export interface StoredDeadLetter extends ParkedMessage {
  /** The bigserial id, as a decimal string. */
  id: string;
  status: DeadLetterStatus;
  parkedAt: Date;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  /** Why an operator discarded it. */
  resolutionNote: string | null;
}
