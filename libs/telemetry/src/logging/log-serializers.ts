import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * An error as a log line shows it: its class, message, stack and code. Nothing else: a driver's
 * error carries the query and its parameters, a client's the request with its headers.
 */
export function serializeError(err: unknown): Record<string, unknown> {
  if (typeof err !== 'object' || err === null) return { message: String(err) };
  // An Error, or one pino-http already turned into a plain object (`type` for the class).
  const { type, message, stack, code } = err as Record<string, unknown>;
  const kept: Record<string, unknown> = {
    type: err instanceof Error ? err.name : type,
    message,
    stack,
    code,
  };
  return Object.fromEntries(
    Object.entries(kept).filter(([, v]) => typeof v === 'string' || typeof v === 'number'),
  );
}

/** A request as a log line shows it: method and URL; never its headers (tokens) or body. */
export function serializeRequest(req: Pick<IncomingMessage, 'method' | 'url'>): {
  method?: string;
  url?: string;
} {
  return { method: req.method, url: req.url };
}

/** A response as a log line shows it: the status alone. */
export function serializeResponse(res: Pick<ServerResponse, 'statusCode'>): {
  statusCode: number;
} {
  return { statusCode: res.statusCode };
}

/**
 * Paths blanked wherever they appear, in case a caller logs an object it should not have:
 * credentials and bodies. The serializers above already leave them out of requests.
 */
export const REDACTED_PATHS = [
  'authorization',
  'cookie',
  'password',
  'token',
  'body',
  '*.authorization',
  '*.cookie',
  '*.password',
  '*.token',
  '*.body',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.headers["set-cookie"]',
];
