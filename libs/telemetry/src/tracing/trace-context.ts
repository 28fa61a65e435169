import {
  ROOT_CONTEXT,
  isSpanContextValid,
  trace,
  type Context,
  type SpanContext,
} from '@opentelemetry/api';
import { parseTraceParent } from '@opentelemetry/core';

/** The W3C `traceparent` of a span context; undefined for none or an invalid one. */
export function traceparentOf(spanContext: SpanContext | undefined): string | undefined {
  if (!spanContext || !isSpanContextValid(spanContext)) return undefined;
  const flags = (spanContext.traceFlags & 0xff).toString(16).padStart(2, '0');
  return `00-${spanContext.traceId}-${spanContext.spanId}-${flags}`;
}

/**
 * The `traceparent` of the active span: what a write stores with its outbox row, so the trace
 * of the request (or of the message) that caused it continues where the event goes.
 */
export function activeTraceparent(): string | undefined {
  return traceparentOf(trace.getActiveSpan()?.spanContext());
}

/** `base` with the remote parent a `traceparent` names; `base` itself for none or a bad one. */
export function remoteContext(traceparent: unknown, base: Context = ROOT_CONTEXT): Context {
  if (typeof traceparent !== 'string') return base;
  const parsed = parseTraceParent(traceparent);
  if (!parsed || !isSpanContextValid(parsed)) return base;
  return trace.setSpanContext(base, { ...parsed, isRemote: true });
}

/** The trace id a `traceparent` names, for log lines written outside its span. */
export function traceIdOf(traceparent: unknown): string | undefined {
  return trace.getSpanContext(remoteContext(traceparent))?.traceId;
}
