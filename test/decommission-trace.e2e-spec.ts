import { randomUUID } from 'node:crypto';
import {
  http,
  logLines,
  OtlpReceiver,
  ServiceSystem,
  waitFor,
  type ReceivedSpan,
} from '@app/testing';

const SERVER = 2;
const PRODUCER = 4;
const CONSUMER = 5;

/**
 * A request's trace follows its events: the product service's HTTP span, the outbox row that
 * stores its `traceparent`, the relay's publish (the message's `traceparent` header), the
 * catalog's inbox transaction and its mirror write, and what the catalog publishes in turn.
 * Both apps export through the standard `OTEL_*` variables to an in-memory OTLP receiver.
 */
describe('traces from a request to the mirrors', () => {
  let receiver: OtlpReceiver;
  let system: ServiceSystem;

  beforeAll(async () => {
    receiver = await OtlpReceiver.start();
    system = await ServiceSystem.start(['product', 'catalog'], {
      env: {
        product: { ...receiver.env(), PRODUCT_PURGE_MIRRORS: 'catalog' },
        catalog: { ...receiver.env(), LOG_LEVEL: 'debug' },
      },
    });
    // The catalog seeds itself from the product service at start (and retries a failed first
    // attempt seconds later): a seed that read the product after its decommission would have
    // written it before the event, leaving the event's mirror write nothing to do.
    await waitFor(
      async () => {
        const res = await http<{ mirrors: { seed: { state: string } }[] }>(
          'GET',
          `${system.url('catalog')}/admin/health`,
          { admin: true },
        );
        return res.body.mirrors?.[0]?.seed.state === 'done';
      },
      { what: "the catalog's seed to finish" },
    );
  });

  afterAll(async () => {
    await system?.stop();
    await receiver?.close();
  });

  async function createProduct(): Promise<string> {
    const res = await http<{ id: string }>('POST', `${system.url('product')}/products`, {
      admin: true,
      body: { sku: `TRACE-${randomUUID()}`, name: 'Traced', priceCents: 100, currency: 'EUR' },
    });
    expect(res.status).toBe(201);
    const catalog = await system.db('catalog');
    await waitFor(
      async () =>
        (await catalog.query('SELECT 1 FROM product_mirror WHERE id = $1', [res.body.id]))
          .length === 1,
      { what: 'the catalog to mirror the product' },
    );
    return res.body.id;
  }

  /** The server span of `route` for the product, once exported. */
  async function serverSpan(route: string, id: string): Promise<ReceivedSpan> {
    return waitFor(
      () =>
        receiver.spans.find(
          (s) =>
            s.kind === SERVER &&
            s.attributes['http.route'] === route &&
            String(s.attributes['url.path']).includes(id),
        ),
      { what: `the server span of ${route}` },
    );
  }

  /** Waits for the one span of `trace` that matches, and returns it. */
  async function spanIn(
    traceId: string,
    what: string,
    match: (s: ReceivedSpan) => boolean,
  ): Promise<ReceivedSpan> {
    const found = await waitFor(
      () => {
        const spans = receiver.trace(traceId).filter(match);
        return spans.length > 0 ? spans : undefined;
      },
      { what },
    );
    expect(found).toHaveLength(1);
    return found[0];
  }

  it('follows a decommission from the request through the relay to the catalog mirror write', async () => {
    const id = await createProduct();
    const res = await http('POST', `${system.url('product')}/admin/products/${id}/decommission`, {
      admin: true,
      body: { reason: 'end of line' },
    });
    expect(res.status).toBe(200);

    const request = await serverSpan('/admin/products/:id/decommission', id);
    expect(request).toMatchObject({ service: 'product', parentSpanId: '' });
    expect(request.name).toBe('POST /admin/products/:id/decommission');
    const trace = request.traceId;

    const publish = await spanIn(trace, 'the relay to publish', (s) => s.kind === PRODUCER);
    expect(publish).toMatchObject({
      service: 'product',
      name: 'publish product.events',
      parentSpanId: request.spanId,
      attributes: expect.objectContaining({
        'cloudevents.event_type': 'product.decommissioned',
        'messaging.rabbitmq.destination.routing_key': 'product.decommissioned',
      }),
    });
    const process = await spanIn(trace, 'the catalog to apply', (s) => s.kind === CONSUMER);
    expect(process).toMatchObject({
      service: 'catalog',
      name: 'process catalog.product',
      parentSpanId: publish.spanId,
      attributes: expect.objectContaining({
        'cloudevents.event_id': publish.attributes['cloudevents.event_id'],
        'messaging.message.id': publish.attributes['cloudevents.event_id'],
        outcome: 'applied',
      }),
    });
    const write = await spanIn(trace, 'the mirror write', (s) => s.name === 'product_mirror apply');
    expect(write).toMatchObject({
      service: 'catalog',
      parentSpanId: process.spanId,
      attributes: expect.objectContaining({ 'product_mirror.written': 1 }),
    });
    const mirror = await (
      await system.db('catalog')
    ).query<{ status: string }>('SELECT status FROM product_mirror WHERE id = $1', [id]);
    expect(mirror).toEqual([{ status: 'decommissioned' }]);

    // The outbox row kept the request's trace, which the envelope carries too.
    const [row] = await (
      await system.db('product')
    ).query<{ traceparent: string; payload: { traceparent: string } }>(
      `SELECT headers->>'traceparent' AS traceparent, payload FROM outbox_messages
        WHERE aggregate_id = $1 AND event_type = 'product.decommissioned'`,
      [id],
    );
    expect(row.traceparent).toBe(`00-${trace}-${request.spanId}-01`);
    expect(row.payload.traceparent).toBe(row.traceparent);

    // The log lines about it carry the trace id: the request's, and the catalog's about the message.
    const eventId = String(publish.attributes['cloudevents.event_id']);
    expect(logLines(system.app('product').logs())).toContainEqual(
      expect.objectContaining({ msg: 'request completed', traceId: trace }),
    );
    const applied = await waitFor(() =>
      logLines(system.app('catalog').logs()).find(
        (line) => line.eventId === eventId && line.msg === 'message applied',
      ),
    );
    expect(applied).toMatchObject({ messageId: eventId, traceId: trace });
  });

  it('continues into what the consumer publishes in turn: the purge receipt', async () => {
    const id = await createProduct();
    const admin = (action: string, body: unknown) =>
      http('POST', `${system.url('product')}/admin/products/${id}/${action}`, {
        admin: true,
        body,
      });
    expect((await admin('decommission', { reason: 'end of line' })).status).toBe(200);
    expect((await admin('purge', { reason: 'legal request' })).status).toBe(204);

    const request = await serverSpan('/admin/products/:id/purge', id);
    const trace = request.traceId;
    const catalogApplies = await spanIn(
      trace,
      'the catalog to apply the purge',
      (s) => s.kind === CONSUMER && s.service === 'catalog',
    );
    // The tombstone and its receipt are written together, in the mirror write.
    const tombstone = await spanIn(
      trace,
      'the tombstone',
      (s) => s.name === 'product_mirror apply',
    );
    expect(tombstone.parentSpanId).toBe(catalogApplies.spanId);
    const receiptPublish = await spanIn(
      trace,
      'the catalog relay to publish the receipt',
      (s) => s.kind === PRODUCER && s.service === 'catalog',
    );
    expect(receiptPublish).toMatchObject({
      name: 'publish catalog.events',
      parentSpanId: tombstone.spanId,
      attributes: expect.objectContaining({ 'cloudevents.event_type': 'purge-receipt.issued' }),
    });
    const ledger = await spanIn(
      trace,
      'the product to record the receipt',
      (s) => s.kind === CONSUMER && s.service === 'product',
    );
    expect(ledger).toMatchObject({
      name: 'process product.catalog',
      parentSpanId: receiptPublish.spanId,
      attributes: expect.objectContaining({ outcome: 'applied' }),
    });
  });
});
