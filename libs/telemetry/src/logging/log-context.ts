import { isSpanContextValid, trace } from '@opentelemetry/api';
import { currentLogFields } from './log-fields';

/**
 * Pino's mixin: what every line carries besides its message and its logger's bindings. The
 * fields of the enclosing `withLogFields` scope, and the active span's trace and span ids, so
 * a line leads to its trace. Always a fresh object: pino merges into it.
 */
export function logContext(): Record<string, unknown> {
  const fields = currentLogFields();
  const span = trace.getActiveSpan()?.spanContext();
  if (!span || !isSpanContextValid(span)) return { ...fields };
  return { ...fields, traceId: span.traceId, spanId: span.spanId };
}
