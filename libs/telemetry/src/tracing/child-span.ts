import { SpanStatusCode, trace, type Attributes, type Link } from '@opentelemetry/api';
import { parseTraceParent } from '@opentelemetry/core';
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
  return inSpan(name, attributes, [], work, describe);
}

/**
 * `inChildSpan` for one step done on behalf of several others, each in its own trace (a write
 * that several messages staged together): a child of the active span, linked to the spans the
 * `traceparent`s name (those that name none are left out).
 */
export async function inLinkedSpan<T>(
  name: string,
  attributes: Attributes,
  linked: readonly unknown[],
  work: () => Promise<T>,
): Promise<T> {
  return inSpan(name, attributes, linksTo(linked), work);
}

async function inSpan<T>(
  name: string,
  attributes: Attributes,
  links: Link[],
  work: () => Promise<T>,
  describe?: (result: T) => Attributes,
): Promise<T> {
  if (!trace.getActiveSpan()) return work();
  return tracer.startActiveSpan(name, { attributes, links }, async (span) => {
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

function linksTo(traceparents: readonly unknown[]): Link[] {
  return traceparents.flatMap((traceparent) => {
    const context = typeof traceparent === 'string' ? parseTraceParent(traceparent) : null;
    return context ? [{ context }] : [];
  });
}
