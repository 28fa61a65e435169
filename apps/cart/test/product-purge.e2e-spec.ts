import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  http,
  productPurgedEvent,
  productSnapshotEvent,
  ServiceSystem,
  waitFor,
  type Tap,
} from '@app/testing';

/**
 * A stand-in product service: `GET /products/:id` answers the snapshot of a known product with a
 * long max-age, and 410 Gone for a purged one; it counts the requests per product.
 */
class StubOwner {
  readonly products = new Map<string, object | 'gone'>();
  readonly requests = new Map<string, number>();
  private constructor(private readonly server: Server) {}

  static async start(): Promise<StubOwner> {
    const server = createServer();
    const stub = new StubOwner(server);
    server.on('request', (req, res) => {
      const id = /^\/products\/([^/?]+)$/.exec(req.url ?? '')?.[1] ?? '';
      stub.requests.set(id, (stub.requests.get(id) ?? 0) + 1);
      const product = stub.products.get(id);
      if (product === undefined || product === 'gone') {
        res.writeHead(product ? 410 : 404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ statusCode: product ? 410 : 404 }));
        return;
      }
      res.writeHead(200, {
        'content-type': 'application/json',
        'cache-control': 'public, max-age=600',
      });
      res.end(JSON.stringify(product));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return stub;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/**
 * The cart and a purged product: the owner's 410 is an unknown product (422), and when the cart's
 * mirror writes the tombstone, the cached copy of the product leaves its HTTP cache at once and
 * a purge receipt is published on `cart.events`.
 */
describe('cart and a purged product', () => {
  let owner: StubOwner;
  let system: ServiceSystem;
  let events: Tap;

  beforeAll(async () => {
    owner = await StubOwner.start();
    system = await ServiceSystem.start(['cart'], {
      env: { cart: { PRODUCT_SERVICE_URL: owner.url } },
    });
    events = await system.amqp.tap('cart.events');
  });

  afterAll(async () => {
    await system?.stop();
    await owner?.stop();
  });

  const put = (customer: string, id: string) =>
    http('PUT', `${system.url('cart')}/carts/${customer}/items/${id}`, { body: { quantity: 1 } });

  async function cached(): Promise<number> {
    return (await http('GET', `${system.url('cart')}/admin/health`, { admin: true })).body
      .productLookups.entries;
  }

  it('refuses a product its owner answers 410 Gone for as unknown (422), not as an outage', async () => {
    const id = randomUUID();
    owner.products.set(id, 'gone');
    const res = await put('ada', id);
    expect(res.status).toBe(422);
    expect(res.body.message).toContain(`unknown product ${id}`);
  });

  it('drops its cached copy when the mirror writes the tombstone, and issues a receipt', async () => {
    const id = randomUUID();
    owner.products.set(id, productSnapshotEvent(id, 1, { name: 'Secret' }).data);
    expect((await put('bea', id)).status).toBe(200);
    expect((await put('cy', id)).status).toBe(200);
    expect(owner.requests.get(id)).toBe(1);
    const entries = await cached();

    owner.products.set(id, 'gone');
    const purge = productPurgedEvent(id, 2);
    await system.amqp.publishEvent('product.events', purge);
    await waitFor(async () => (await cached()) === entries - 1, {
      what: 'the cached copy to be dropped',
    });
    const receipt = await waitFor(
      () =>
        events
          .bodies<{ type: string; subject: string; data: Record<string, unknown> }>()
          .find((e) => e.type === 'purge-receipt.issued' && e.subject === id) ?? false,
      { what: 'the receipt' },
    );
    expect(receipt.data).toMatchObject({ aggregateId: id, version: 2, mirror: 'cart' });
    const cart = await http('GET', `${system.url('cart')}/carts/bea`);
    expect(cart.body.lines[0]).toMatchObject({ productName: 'erased product', available: false });

    // Not served from the cache any more: the owner is asked, and its 410 is a 422.
    expect((await put('dee', id)).status).toBe(422);
    expect(owner.requests.get(id)).toBe(2);
  });
});
