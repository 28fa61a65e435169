import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';

/** What a caller's `X-Request-Id` may look like to be kept: no spaces, quotes or line breaks. */
const ACCEPTED = /^[\w.:-]{1,128}$/;

/**
 * The request's id: the caller's `X-Request-Id` when it is a plain token (a gateway's), else a
 * new UUID; answered in `X-Request-Id` so a caller can quote it.
 */
export function requestIdOf(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers[REQUEST_ID_HEADER];
  const id = typeof given === 'string' && ACCEPTED.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}
