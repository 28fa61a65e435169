import { ApiError, call } from './api.js';

/** The two kinds of dead letter, served with one API under two paths (ADR 0026). */
export type DeadLetterKind = 'consumer' | 'outbox';
export const KINDS: DeadLetterKind[] = ['consumer', 'outbox'];

export interface DeadLetterSummary {
  id: string;
  kind: DeadLetterKind;
  status: 'parked' | 'requeued' | 'discarded';
  destination: string;
  messageId: string | null;
  eventType: string | null;
  subject: string | null;
  reason: string;
  attempts: number;
  deadLetteredAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolutionNote: string | null;
}

export interface DeadLetterView extends DeadLetterSummary {
  contentType: string | null;
  headers: Record<string, unknown>;
  body: string;
  payload: unknown;
  attemptLog: { at: string; error: string }[];
}

export interface ActionResult {
  count: number;
  ids: string[];
  skipped: string[];
  failures: { id: string; error: string }[];
}

/** A dead letter with the service that holds it. */
export type ListedDeadLetter = DeadLetterSummary & { service: string };

export function deadLetterPath(kind: DeadLetterKind): string {
  return kind === 'consumer' ? 'admin/dead-letters' : 'admin/outbox/dead-letters';
}

/**
 * One page (up to 500, newest first) of one service's dead letters of one kind, or `absent` when
 * the service has no such kind (404: tracking has no outbox, a service may consume nothing).
 */
export async function listDeadLetters(
  service: string,
  kind: DeadLetterKind,
  status: string,
): Promise<{ items: ListedDeadLetter[]; more: boolean } | 'absent'> {
  try {
    const page = await call<{ items: DeadLetterSummary[]; nextCursor: string | null }>(
      service,
      `${deadLetterPath(kind)}?status=${encodeURIComponent(status)}&limit=500`,
    );
    return { items: page.items.map((d) => ({ ...d, service })), more: page.nextCursor !== null };
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return 'absent';
    throw err;
  }
}

/** Requeue or discard the given ids of one service and kind: the service's own result. */
export function act(
  service: string,
  kind: DeadLetterKind,
  action: 'requeue' | 'discard',
  ids: string[],
  reason?: string,
): Promise<ActionResult> {
  const body = action === 'discard' ? { ids, reason } : { ids };
  return call<ActionResult>(service, `${deadLetterPath(kind)}/${action}`, { method: 'POST', body });
}
