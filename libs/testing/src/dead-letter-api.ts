import { http, type JsonResponse } from './http';

/** A dead letter as both kinds list it (see `@app/dead-letters`). */
export interface ListedDeadLetter {
  id: string;
  kind: 'consumer' | 'outbox';
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

export type DeadLetterQueryParams = Record<string, string | number>;

/**
 * The dead-letter admin routes of one app and kind (`/admin/dead-letters` or
 * `/admin/outbox/dead-letters`), called as an admin unless told otherwise.
 */
export class DeadLetterApi {
  constructor(readonly base: string) {}

  list(
    query: DeadLetterQueryParams = {},
    options: { admin?: boolean } = {},
  ): Promise<JsonResponse> {
    const search = new URLSearchParams(
      Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]),
    ).toString();
    return http('GET', `${this.base}${search ? `?${search}` : ''}`, {
      admin: options.admin ?? true,
    });
  }

  /** The items of one page; throws unless the listing answers 200. */
  async items(query: DeadLetterQueryParams = {}): Promise<ListedDeadLetter[]> {
    const res = await this.list(query);
    if (res.status !== 200) throw new Error(`listing ${this.base}: ${res.status}`);
    return (res.body as { items: ListedDeadLetter[] }).items;
  }

  /** Every item, following `nextCursor` page by page. */
  async all(query: DeadLetterQueryParams = {}): Promise<ListedDeadLetter[]> {
    const items: ListedDeadLetter[] = [];
    let before: string | null | undefined;
    do {
      const res = await this.list(before ? { ...query, before } : query);
      if (res.status !== 200) throw new Error(`listing ${this.base}: ${res.status}`);
      const page = res.body as { items: ListedDeadLetter[]; nextCursor: string | null };
      items.push(...page.items);
      before = page.nextCursor;
    } while (before);
    return items;
  }

  /** The parked letter with this message id (other than `except`), or false. */
  async parked(messageId: string, except?: string): Promise<ListedDeadLetter | false> {
    const items = await this.all({ limit: 500 });
    return items.find((d) => d.messageId === messageId && d.id !== except) ?? false;
  }

  inspect(id: string): Promise<JsonResponse> {
    return http('GET', `${this.base}/${id}`, { admin: true });
  }

  requeue(body: unknown): Promise<JsonResponse> {
    return http('POST', `${this.base}/requeue`, { admin: true, body });
  }

  discard(body: unknown): Promise<JsonResponse> {
    return http('POST', `${this.base}/discard`, { admin: true, body });
  }
}
