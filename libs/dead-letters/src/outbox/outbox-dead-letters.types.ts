import type { AttemptLogEntry } from '@app/relay';

/** Narrows dead letters by topic (event type) and aggregate; every field is optional. */
export interface DeadLetterFilter {
  eventType?: string;
  aggregateType?: string;
  aggregateId?: string;
}

/** A page request: newest first, `before` is the `nextCursor` of the previous page. */
export interface DeadLetterQuery extends DeadLetterFilter {
  /** 1..500, default 50. */
  limit?: number;
  before?: string;
}

/** A dead-lettered outbox row as listed. `id` is the row's bigint id, as a string. */
export interface DeadLetterSummary {
  id: string;
  /** The message id consumers dedupe on; a requeue keeps it. */
  eventId: string;
  eventType: string;
  exchange: string;
  routingKey: string;
  aggregateType: string;
  aggregateId: string;
  aggregateVersion: number;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  deadLetteredAt: string;
}

/** Everything an operator needs to decide between requeue and discard. */
export interface DeadLetter extends DeadLetterSummary {
  /** The CloudEvent exactly as it will be published. */
  payload: unknown;
  headers: Record<string, string>;
  attemptLog: AttemptLogEntry[];
}

export interface DeadLetterPage {
  items: DeadLetterSummary[];
  /** Pass as `before` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** What a requeue applies to: given rows, every dead letter matching a filter, or all of them. */
export type RequeueSelector = { ids: string[] } | { filter: DeadLetterFilter } | { all: true };

/** The rows a requeue or discard changed; ids that were not live dead letters are skipped. */
export interface DeadLetterActionResult {
  count: number;
  ids: string[];
}
