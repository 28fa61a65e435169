import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import {
  InMemorySpanExporter,
  NodeTracerProvider,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import { inChildSpan } from './child-span';
import { startProcessSpan, startPublishSpan } from './message-spans';
import { activeTraceparent, traceIdOf } from './trace-context';

const STORED = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

const published = (traceparent: unknown) => ({
  traceparent,
  exchange: 'product.events',
  routingKey: 'product.updated',
  messageId: 'e-1',
  eventType: 'product.updated',
  outboxId: '7',
});

const consumed = (traceparent: unknown) => ({
  traceparent,
  queue: 'catalog.product',
  consumer: 'catalog',
  messageId: 'e-1',
  eventId: 'e-1',
  eventType: 'product.updated',
  subject: 'p-1',
});

describe('message spans', () => {
  const exporter = new InMemorySpanExporter();

  beforeAll(() => {
    new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }).register();
  });

  afterEach(() => exporter.reset());

  afterAll(() => {
    context.disable();
    trace.disable();
  });

  it('carries a trace from a stored traceparent through publish and process into what is written', async () => {
    const publish = startPublishSpan(published(STORED));
    const sent = publish.traceparent;
    publish.end({ attributes: { outcome: 'published' } });

    const process = startProcessSpan(consumed(sent));
    const written = await process.run(async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return inChildSpan('product_mirror apply', {}, () => Promise.resolve(activeTraceparent()));
    });
    process.end({ attributes: { outcome: 'applied' } });

    const [publishSpan, childSpan, processSpan] = exporter.getFinishedSpans();
    expect(publishSpan.kind).toBe(SpanKind.PRODUCER);
    expect(publishSpan.name).toBe('publish product.events');
    expect(publishSpan.parentSpanContext?.spanId).toBe('b7ad6b7169203331');
    expect(sent).toBe(`00-${traceIdOf(STORED)}-${publishSpan.spanContext().spanId}-01`);
    expect(processSpan.kind).toBe(SpanKind.CONSUMER);
    expect(processSpan.parentSpanContext?.spanId).toBe(publishSpan.spanContext().spanId);
    expect(childSpan.parentSpanContext?.spanId).toBe(processSpan.spanContext().spanId);
    expect(written).toBe(`00-${traceIdOf(STORED)}-${childSpan.spanContext().spanId}-01`);
    for (const span of [publishSpan, childSpan, processSpan]) {
      expect(span.spanContext().traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    }
    expect(processSpan.attributes).toMatchObject({
      'cloudevents.event_id': 'e-1',
      'messaging.destination.name': 'catalog.product',
      outcome: 'applied',
    });
  });

  it('starts a trace when the message names none, or a malformed one', () => {
    for (const traceparent of [undefined, 'not-a-traceparent', 42]) {
      const span = startPublishSpan(published(traceparent));
      span.end();
      expect(traceIdOf(span.traceparent)).not.toBe(traceIdOf(STORED));
    }
    expect(exporter.getFinishedSpans().map((s) => s.parentSpanContext)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('records a failure once, and ignores a second end', () => {
    const span = startProcessSpan(consumed(STORED));
    span.end({ error: 'deadlock detected' });
    span.end({ attributes: { outcome: 'applied' } });
    const [finished] = exporter.getFinishedSpans();
    expect(exporter.getFinishedSpans()).toHaveLength(1);
    expect(finished.status).toEqual({ code: SpanStatusCode.ERROR, message: 'deadlock detected' });
    expect(finished.attributes).not.toHaveProperty('outcome');
  });

  it('opens a child span only inside a trace', async () => {
    expect(
      await inChildSpan('alone', {}, () => Promise.resolve(activeTraceparent())),
    ).toBeUndefined();
    expect(exporter.getFinishedSpans()).toEqual([]);
  });
});
