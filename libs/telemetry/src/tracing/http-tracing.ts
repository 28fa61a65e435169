import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  context,
  defaultTextMapGetter,
  trace,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { isProbeRequest } from '../probe-requests';
import { ATTR } from './span-attributes';
import { tracer } from './tracer';

const propagator = new W3CTraceContextPropagator();

/** What the Express request adds to Node's: the path, and the route once one matched. */
type RoutedRequest = IncomingMessage & {
  path?: string;
  baseUrl?: string;
  route?: { path?: unknown };
};

/**
 * Express middleware, first in line: each request runs in a server span that continues the
 * caller's `traceparent` (or starts a trace), named `<method> <route>` once routed; everything
 * the request does (its log lines, the outbox rows it writes) happens inside that span.
 */
export function traceHttpRequests(
  req: RoutedRequest,
  res: ServerResponse,
  next: (err?: unknown) => void,
): void {
  if (isProbeRequest(req.url)) return next();
  const parent = propagator.extract(ROOT_CONTEXT, req.headers, defaultTextMapGetter);
  const method = req.method ?? 'GET';
  const span = tracer.startSpan(
    method,
    { kind: SpanKind.SERVER, attributes: { [ATTR.httpMethod]: method, [ATTR.urlPath]: req.path } },
    parent,
  );
  let ended = false;
  const end = (): void => {
    if (ended) return;
    ended = true;
    const route = routeOf(req);
    if (route) {
      span.updateName(`${method} ${route}`);
      span.setAttribute(ATTR.httpRoute, route);
    }
    span.setAttribute(ATTR.httpStatus, res.statusCode);
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  };
  res.once('finish', end);
  res.once('close', end);
  context.with(trace.setSpan(parent, span), next);
}

function routeOf(req: RoutedRequest): string | undefined {
  const pattern = req.route?.path;
  return typeof pattern === 'string' ? `${req.baseUrl ?? ''}${pattern}` : undefined;
}
