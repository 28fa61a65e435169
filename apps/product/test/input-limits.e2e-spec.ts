import { connect } from 'node:net';
import { http, ServiceSystem, waitFor } from '@app/testing';

/** Input the product API must refuse cleanly: `null` for a required field, a request never finished. */
describe('product service input limits', () => {
  let system: ServiceSystem;
  let base: string;

  beforeAll(async () => {
    system = await ServiceSystem.start(['product'], {
      env: { product: { HTTP_REQUEST_TIMEOUT_MS: '1000' } },
    });
    base = system.url('product');
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('answers 400 for null in a field a product cannot lack; null clears the description', async () => {
    const created = await http('POST', `${base}/products`, {
      admin: true,
      body: { sku: 'NULL-1', name: 'Name', description: 'd', priceCents: 100, currency: 'EUR' },
    });
    expect(created.status).toBe(201);
    const url = `${base}/products/${created.body.id}`;
    for (const field of ['name', 'sku', 'priceCents', 'currency']) {
      const res = await http('PATCH', url, { admin: true, body: { [field]: null } });
      expect([field, res.status]).toEqual([field, 400]);
      expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual([field]);
    }
    const cleared = await http('PATCH', url, { admin: true, body: { description: null } });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ name: 'Name', description: null, version: 2 });
  });

  it('answers 408 and closes the connection when a request is not sent in time', async () => {
    const { hostname, port } = new URL(base);
    const socket = connect(Number(port), hostname);
    let received = '';
    let closed = false;
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    socket.on('close', () => (closed = true));
    socket.on('error', () => undefined);
    // Headers announce 100 bytes of body; two ever come.
    socket.write(
      `POST /products HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\n` +
        'Content-Length: 100\r\n\r\n{"',
    );
    try {
      await waitFor(() => closed, { what: 'the server to end the request', timeoutMs: 10_000 });
    } finally {
      socket.destroy();
    }
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
  });
});
