import { SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';
import { tracer } from './tracer';

/**
 * Runs `work` in a span of its own when a trace is active (a request, a message), so a step
 * that matters (a mirror write) shows in it; outside any trace it runs `work` alone, and
 * background work (seeding pages, say) starts no traces of its own.
 */
export async function inChildSpan<T>(
  name: string,
  attributes: Attributes,
  work: () => Promise<T>,
  describe?: (result: T) => Attributes,
): Promise<T> {
  if (!trace.getActiveSpan()) return work();
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      const result = await work();
      if (describe) span.setAttributes(describe(result));
      return result;
    } catch (err) {
      span.setStatus({
        code: SpanStatusCode.ERROR,
        message: err instanceof Error ? err.message : String(err),
      });
      throw err;
    } finally {
      span.end();
    }
  });
}
