import { http, waitFor, type ServiceSystem } from '@app/testing';
import type { ExpectedModel, OrderCloudEvent, RankedItem } from './co-purchase-model';

export interface RecommendationsBody {
  productId: string;
  items: (RankedItem & { name: string; priceCents: number; currency: string; version: number })[];
}

type ConsumerCounts = Record<'applied' | 'duplicate' | 'retried' | 'dead-lettered', number>;

/** The recommendations service as a test sees it: its HTTP API, its health, its exchange. */
export class RecommendationsProbe {
  constructor(private readonly system: ServiceSystem) {}

  private get base(): string {
    return `${this.system.url('recommendations')}`;
  }

  async get(productId: string, query = ''): Promise<RecommendationsBody> {
    const url = `${this.base}/recommendations/products/${productId}${query}`;
    const res = await http<RecommendationsBody>('GET', url);
    if (res.status !== 200) throw new Error(`GET ${url}: ${res.status}`);
    return res.body;
  }

  /** Just what the ranking is made of: which products, with how many orders. */
  async ranked(productId: string): Promise<RankedItem[]> {
    const body = await this.get(productId);
    return body.items.map((i) => ({ productId: i.productId, orders: i.orders }));
  }

  /** Waits until every one of `productIds` has exactly the list the model expects. */
  async followModel(model: ExpectedModel, productIds: string[]): Promise<void> {
    await waitFor(
      async () => {
        for (const id of productIds) {
          const actual = JSON.stringify(await this.ranked(id));
          if (actual !== JSON.stringify(model.recommendations(id))) return false;
        }
        return true;
      },
      { what: 'every list to follow the model' },
    );
  }

  /** Outcome counts of the order-event consumer (`recommendations.order`). */
  async orderConsumer(): Promise<ConsumerCounts> {
    const health = await http<{ consumers: { queue: string; counts: ConsumerCounts }[] }>(
      'GET',
      `${this.base}/admin/health`,
      { admin: true },
    );
    const consumer = health.body.consumers.find((c) => c.queue === 'recommendations.order');
    if (!consumer) throw new Error('no recommendations.order consumer in /admin/health');
    return consumer.counts;
  }

  /** Publishes an order event as the order relay does (message id = event id). */
  async publish(event: OrderCloudEvent): Promise<void> {
    await this.system.amqp.publish('order.events', event.type, event, {
      messageId: event.id,
      type: event.type,
      contentType: 'application/cloudevents+json',
    });
  }

  async deadLetter(messageId: string): Promise<{ reason: string } | false> {
    const res = await http<{ items?: { messageId: string; reason: string }[] }>(
      'GET',
      `${this.base}/admin/dead-letters?destination=recommendations.order`,
      { admin: true },
    );
    return (res.body.items ?? []).find((d) => d.messageId === messageId) ?? false;
  }
}
