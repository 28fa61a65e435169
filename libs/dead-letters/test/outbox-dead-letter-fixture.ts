import type { Message } from 'amqplib';
import {
  DeadLetterApi,
  http,
  ServiceSystem,
  waitFor,
  type DatabaseProbe,
  type Tap,
} from '@app/testing';

/** An outbox row as the dead-letter specs look at it in the database. */
export interface OutboxRowState {
  id: string;
  event_id: string;
  attempts: number;
  last_error: string | null;
  attempt_log: { at: string; error: string }[];
  published_at: Date | null;
  dead_lettered_at: Date | null;
  discarded_at: Date | null;
  discarded_by: string | null;
  discard_reason: string | null;
}

/** An audit entry as `GET /admin/audit` lists it. */
export interface AuditItem {
  entityType: string;
  entityId: string;
  actor: string;
  details: Record<string, unknown>;
}

/**
 * The product service with a relay that gives up after two attempts 50 ms apart. While no
 * queue is bound to `product.events`, every event is unroutable and so gets dead-lettered.
 */
export class OutboxDeadLetterFixture {
  private constructor(
    readonly system: ServiceSystem,
    readonly db: DatabaseProbe,
  ) {}

  static async start(): Promise<OutboxDeadLetterFixture> {
    const system = await ServiceSystem.start(['product'], {
      env: { product: { RELAY_MAX_ATTEMPTS: '2', RELAY_RETRY_BASE_DELAY_MS: '50' } },
    });
    return new OutboxDeadLetterFixture(system, await system.db('product'));
  }

  /** The outbox dead-letter admin API. */
  get api(): DeadLetterApi {
    return new DeadLetterApi(`${this.system.url('product')}/admin/outbox/dead-letters`);
  }

  /** Creates a product (one `product.created` outbox row) and returns its id. */
  async createProduct(sku: string): Promise<string> {
    const res = await http<{ id: string }>('POST', `${this.system.url('product')}/products`, {
      admin: true,
      body: { sku: `DL-${sku}`, name: `dead letter ${sku}`, priceCents: 100, currency: 'EUR' },
    });
    if (res.status !== 201) throw new Error(`create ${sku}: ${res.status}`);
    return res.body.id;
  }

  /** The `product.created` outbox row of a product. */
  async row(aggregateId: string): Promise<OutboxRowState> {
    const [found] = await this.db.query<OutboxRowState>(
      `SELECT id, event_id, attempts, last_error, attempt_log, published_at, dead_lettered_at,
              discarded_at, discarded_by, discard_reason
         FROM outbox_messages WHERE aggregate_id = $1 AND event_type = 'product.created'`,
      [aggregateId],
    );
    return found;
  }

  /** Creates products and waits until each one's row is dead-lettered. */
  async deadLetters(skus: string[]): Promise<{ productId: string; row: OutboxRowState }[]> {
    const ids: string[] = [];
    for (const sku of skus) ids.push(await this.createProduct(sku));
    const result: { productId: string; row: OutboxRowState }[] = [];
    for (const productId of ids) {
      const row = await waitFor(
        async () => {
          const r = await this.row(productId);
          return r?.dead_lettered_at ? r : undefined;
        },
        { what: `the product.created row of ${productId} to be dead-lettered` },
      );
      result.push({ productId, row });
    }
    return result;
  }

  /** Waits for a message with this AMQP `messageId` on the tap. */
  published(tap: Tap, eventId: string): Promise<Message> {
    return waitFor(() => tap.messages.find((m) => m.properties.messageId === eventId), {
      what: `message ${eventId} to be published`,
    });
  }

  /** The audit entries of an action, oldest first, read through `GET /admin/audit`. */
  async audit(action: string): Promise<AuditItem[]> {
    const res = await http<{ items: AuditItem[] }>(
      'GET',
      `${this.system.url('product')}/admin/audit?action=${action}&limit=500`,
      { admin: true },
    );
    if (res.status !== 200) throw new Error(`audit listing: ${res.status}`);
    return res.body.items.reverse();
  }

  async stop(): Promise<void> {
    await this.system.stop();
  }
}
