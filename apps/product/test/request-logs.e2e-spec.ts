import { randomBytes, randomUUID } from 'node:crypto';
import { adminToken, http, logLines, ServiceSystem, waitFor, type Tap } from '@app/testing';

/**
 * Log lines are JSON; every line written while serving a request carries its request id (and
 * its trace id), and no line carries a token or what was sent in a body.
 */
describe('request log lines', () => {
  let system: ServiceSystem;
  let tap: Tap;
  const token = adminToken();
  const auth = { authorization: `Bearer ${token}` };

  beforeAll(async () => {
    system = await ServiceSystem.start(['product']);
    // Something bound to the exchange, so the relay publishes rather than logs failures.
    tap = await system.amqp.tap('product.events');
  });

  afterAll(async () => {
    await system?.stop();
  });

  const url = (path: string) => `${system.url('product')}${path}`;
  const lines = () => logLines(system.app('product').logs());
  const traceparent = (traceId: string) => `00-${traceId}-${randomBytes(8).toString('hex')}-01`;

  async function createProduct(name: string): Promise<string> {
    const sku = `LOG-${randomUUID()}`;
    const res = await http<{ id: string }>('POST', url('/products'), {
      headers: auth,
      body: { sku, name, priceCents: 100, currency: 'EUR' },
    });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  it('gives every line of a decommission its request id, even with another one running', async () => {
    const secretName = `name-${randomUUID()}`;
    const reasons = [`reason-${randomUUID()}`, `reason-${randomUUID()}`];
    const ids = [await createProduct(secretName), await createProduct(secretName)];
    const traces = ids.map(() => randomBytes(16).toString('hex'));
    const responses = await Promise.all(
      ids.map((id, i) =>
        http('POST', url(`/admin/products/${id}/decommission`), {
          headers: { ...auth, traceparent: traceparent(traces[i]) },
          body: { reason: reasons[i] },
        }),
      ),
    );
    responses.forEach((res) => expect(res.status).toBe(200));
    await waitFor(() => tap.ofType('product.decommissioned').length === 2, {
      what: 'both decommissions published',
    });

    for (const [i, res] of responses.entries()) {
      const requestId = res.headers.get('x-request-id');
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      const ofRequest = await waitFor(() => {
        const found = lines().filter((line) => line.traceId === traces[i]);
        return found.some((line) => line.msg === 'request completed') ? found : undefined;
      });
      // The change it made, and its completion; each with this request's id and no other.
      expect(ofRequest).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            msg: `product ${ids[i]}: product.decommissioned, version 2`,
            eventType: 'product.decommissioned',
            eventId: expect.any(String),
          }),
          expect.objectContaining({
            msg: 'request completed',
            req: { method: 'POST', url: `/admin/products/${ids[i]}/decommission` },
            res: { statusCode: 200 },
          }),
        ]),
      );
      expect(ofRequest.map((line) => line.requestId)).toEqual(ofRequest.map(() => requestId));
    }
    expect(responses[0].headers.get('x-request-id')).not.toBe(
      responses[1].headers.get('x-request-id'),
    );

    const output = system.app('product').logs();
    for (const secret of [token, token.split('.')[2], 'Bearer', secretName, ...reasons]) {
      expect(output).not.toContain(secret);
    }
  });

  it("keeps a gateway's request id, and replaces one that is not a plain token", async () => {
    const id = await createProduct('kept');
    const given = `gw-${randomUUID()}`;
    const kept = await http('GET', url(`/products/${id}`), { headers: { 'x-request-id': given } });
    expect(kept.headers.get('x-request-id')).toBe(given);
    await waitFor(() =>
      lines().some((line) => line.requestId === given && line.msg === 'request completed'),
    );

    const odd = await http('GET', url(`/products/${id}`), {
      headers: { 'x-request-id': 'two words' },
    });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
