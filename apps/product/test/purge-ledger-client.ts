import {
  http,
  type JsonResponse,
  type RawPurgeReceiptEvent,
  type ServiceSystem,
} from '@app/testing';

export interface LedgerEntry {
  aggregateType: string;
  aggregateId: string;
  version: number;
  purgedAt: string;
  expected: string[];
  receipts: { mirror: string; version: number; appliedAt: string; receivedAt: string }[];
  missing: string[];
  complete: boolean;
  completedAt: string | null;
}

export interface LedgerPage {
  items: LedgerEntry[];
  nextCursor: string | null;
}

/** The product service's purge ledger as a test drives it: purges, receipts as a mirror sends them, reads. */
export class PurgeLedgerClient {
  constructor(
    private readonly system: ServiceSystem,
    private readonly base = system.url('product'),
  ) {}

  async purgedProduct(sku: string): Promise<string> {
    const created = await http('POST', `${this.base}/products`, {
      admin: true,
      body: { sku, name: sku, priceCents: 1, currency: 'EUR' },
    });
    const id = (created.body as { id: string }).id;
    await http('POST', `${this.base}/admin/products/${id}/decommission`, {
      admin: true,
      body: { reason: 'r' },
    });
    const purge = await http('POST', `${this.base}/admin/products/${id}/purge`, {
      admin: true,
      body: { reason: 'erasure request' },
    });
    expect(purge.status).toBe(204);
    return id;
  }

  async send(event: RawPurgeReceiptEvent | (object & { id: string })): Promise<void> {
    const mirror = (event as RawPurgeReceiptEvent).source?.split('/').at(-1) ?? 'catalog';
    await this.system.amqp.publish(`${mirror}.events`, 'purge-receipt.issued', event, {
      messageId: event.id,
      type: 'purge-receipt.issued',
      contentType: 'application/cloudevents+json',
    });
  }

  async entry(id: string): Promise<LedgerEntry> {
    const res = await http<LedgerEntry>('GET', `${this.base}/admin/purges/${id}`, { admin: true });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    return res.body;
  }

  async listed(query: string): Promise<string[]> {
    const ids: string[] = [];
    let after: string | null = null;
    do {
      const res: JsonResponse<LedgerPage> = await http<LedgerPage>(
        'GET',
        `${this.base}/admin/purges?limit=2&${query}${after ? `&after=${after}` : ''}`,
        { admin: true },
      );
      expect(res.status).toBe(200);
      ids.push(...res.body.items.map((i) => i.aggregateId));
      after = res.body.nextCursor;
    } while (after);
    return ids;
  }

  async consumerCounts(mirror: string): Promise<Record<string, number>> {
    const health = await http<{ consumers: { queue: string; counts: Record<string, number> }[] }>(
      'GET',
      `${this.base}/admin/health`,
      { admin: true },
    );
    const consumer = health.body.consumers.find((c) => c.queue === `product.${mirror}`);
    if (!consumer) throw new Error(`no consumer product.${mirror}`);
    return consumer.counts;
  }
}
