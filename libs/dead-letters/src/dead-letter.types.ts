/**
 * The one vocabulary of dead letters, for both kinds: what a consumer gave up on (parked from
 * `<queue>.dlq` into `dead_letters`) and what a relay gave up on (an `outbox_messages` row).
 */

/** Which side gave up: a consumer that could not apply it, or a relay that could not publish it. */
export type DeadLetterKind = 'consumer' | 'outbox';

/** Parked until an operator requeues or discards it; requeued and discarded are settled. */
export type DeadLetterStatus = 'parked' | 'requeued' | 'discarded';

export const DEAD_LETTER_STATUSES: readonly DeadLetterStatus[] = [
  'parked',
  'requeued',
  'discarded',
];

/** Narrows a listing, a requeue or a discard; every given field must match exactly. */
export interface DeadLetterFilter {
  /** Where it was going and where a requeue sends it: a consumer queue, or an exchange. */
  destination?: string;
  eventType?: string;
  /** The aggregate id (the CloudEvent `subject`). */
  subject?: string;
}

/** A page request: newest first, `parked` unless `status` says else. */
export interface DeadLetterQuery extends DeadLetterFilter {
  status?: DeadLetterStatus;
  /** 1..500, default 50. */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  before?: string;
}

/** Which parked dead letters a requeue or discard takes: exactly one of these. */
export type DeadLetterSelector = { ids: string[] } | { filter: DeadLetterFilter } | { all: true };

/** A dead letter as listed. Ids are bigints carried as decimal strings. */
export interface DeadLetterSummary {
  id: string;
  kind: DeadLetterKind;
  status: DeadLetterStatus;
  destination: string;
  /** The id consumers deduplicate on; a requeue keeps it. */
  messageId: string | null;
  eventType: string | null;
  subject: string | null;
  /** Why it became a dead letter. */
  reason: string;
  attempts: number;
  /** ISO 8601, UTC. */
  deadLetteredAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  /** The reason an operator gave when discarding it. */
  resolutionNote: string | null;
}

/** One recorded attempt or operator action, oldest first. */
export interface DeadLetterAttempt {
  at: string;
  error: string;
}

/** Everything an operator needs to decide between requeue and discard. */
export interface DeadLetterView extends DeadLetterSummary {
  contentType: string | null;
  headers: Record<string, unknown>;
  /** The body as UTF-8 text: what a requeue sends. */
  body: string;
  bodyBase64: string;
  /** The body parsed, when it is JSON; otherwise null. */
  payload: unknown;
  attemptLog: DeadLetterAttempt[];
}

export interface DeadLetterPage {
  items: DeadLetterSummary[];
  /** Pass as `before` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface DeadLetterFailure {
  id: string;
  error: string;
}

/**
 * What a requeue or discard did: the letters it changed, the requested ids it left alone
 * (unknown or not parked), and the letters the broker did not take (still parked).
 */
export interface DeadLetterActionResult {
  count: number;
  ids: string[];
  skipped: string[];
  failures: DeadLetterFailure[];
}

/** The four operations, the same for both kinds. */
export interface DeadLetterSource {
  list(query: DeadLetterQuery): Promise<DeadLetterPage>;
  /** Throws NotFoundException when `id` is not a dead letter of this kind. */
  inspect(id: string): Promise<DeadLetterView>;
  requeue(selector: DeadLetterSelector, actor: string): Promise<DeadLetterActionResult>;
  discard(
    selector: DeadLetterSelector,
    actor: string,
    reason: string,
  ): Promise<DeadLetterActionResult>;
}
