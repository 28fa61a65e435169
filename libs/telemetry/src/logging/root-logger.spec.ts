import { Writable } from 'node:stream';
import { context, trace } from '@opentelemetry/api';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { withLogFields } from './log-fields';
import { createRootLogger } from './root-logger';

/** A logger writing JSON lines into an array. */
async function capture(level: 'info' | 'debug' = 'info') {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(
        ...chunk
          .toString()
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as never),
      );
      done();
    },
  });
  const logger = await createRootLogger('catalog', { level, format: 'json' }, sink);
  return { logger, lines };
}

describe('the root logger', () => {
  // Registers the AsyncLocalStorage context manager, as `startTracing` does.
  beforeAll(() => new NodeTracerProvider().register());

  afterAll(() => {
    context.disable();
    trace.disable();
  });

  it('writes one JSON object per line with the service, the level by name and an ISO time', async () => {
    const { logger, lines } = await capture();
    logger.info({ context: 'Test' }, 'hello');
    logger.debug('not at info');
    expect(lines).toEqual([
      expect.objectContaining({ service: 'catalog', level: 'info', context: 'Test', msg: 'hello' }),
    ]);
    expect(new Date(String(lines[0].time)).toISOString()).toBe(lines[0].time);
  });

  it('adds the fields of the scope, across awaits, and not outside it', async () => {
    const { logger, lines } = await capture();
    await withLogFields({ eventId: 'e-1', messageId: 'm-1' }, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      withLogFields({ eventType: 'product.created' }, () => logger.info('inside'));
    });
    logger.info('outside');
    expect(lines[0]).toMatchObject({
      eventId: 'e-1',
      messageId: 'm-1',
      eventType: 'product.created',
      msg: 'inside',
    });
    expect(lines[1]).not.toHaveProperty('eventId');
  });

  it("adds the active span's trace and span ids", async () => {
    const { logger, lines } = await capture();
    const spanContext = {
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      traceFlags: 1,
    };
    context.with(trace.setSpanContext(context.active(), spanContext), () => logger.info('traced'));
    logger.info('untraced');
    expect(lines[0]).toMatchObject({ traceId: spanContext.traceId, spanId: spanContext.spanId });
    expect(lines[1]).not.toHaveProperty('traceId');
  });

  it('logs an error by its class, message, stack and code only', async () => {
    const { logger, lines } = await capture();
    const err = Object.assign(new Error('duplicate key'), {
      code: '23505',
      parameters: ['secret-sku', 'Secret name'],
      query: 'INSERT ...',
    });
    logger.error({ err }, 'insert failed');
    const kept = { type: 'Error', message: 'duplicate key', stack: err.stack, code: '23505' };
    expect(lines[0].err).toEqual(kept);
    // As pino-http hands it over: already a plain object, the extra properties still on it.
    logger.error({ err: { ...kept, parameters: ['secret-sku'], raw: err } }, 'request errored');
    expect(lines[1].err).toEqual(kept);
  });

  it('blanks credentials and bodies wherever a caller put them', async () => {
    const { logger, lines } = await capture();
    logger.info({
      headers: { authorization: 'Bearer abc', cookie: 'sid=1' },
      request: { token: 't', body: { name: 'Secret' } },
    });
    expect(JSON.stringify(lines[0])).not.toMatch(/Bearer abc|sid=1|"t"|Secret/);
  });
});
