import type { JsonResponse, ResponseSource } from './http-client.types';
import type { HeaderMap, OriginResponse } from './stored-response';

/** One answer of the client before JSON parsing; coalesced callers share it. */
export interface ServedResponse {
  status: number;
  headers: HeaderMap;
  body: string;
  source: ResponseSource;
  ageMs: number;
}

/** A response as served: cache-generated answers carry their current `Age` (RFC 9111 5.1). */
export function served(
  response: Pick<OriginResponse, 'status' | 'headers' | 'body'>,
  source: ResponseSource,
  ageMs: number,
): ServedResponse {
  const headers =
    source === 'network'
      ? response.headers
      : { ...response.headers, age: String(Math.floor(ageMs / 1000)) };
  return { status: response.status, headers, body: response.body, source, ageMs };
}

/**
 * Parses per caller, so no two callers (and never the cache) share a mutable object. Only a 2xx
 * body is parsed: for other statuses the body is an error document, not a `T`.
 */
export function toJsonResponse<T>(response: ServedResponse, url: string): JsonResponse<T> {
  const success = response.status >= 200 && response.status < 300;
  return {
    status: response.status,
    body: success ? parseJson<T>(response.body, url) : undefined,
    headers: { ...response.headers },
    source: response.source,
    ageSeconds: Math.floor(response.ageMs / 1000),
  };
}

/** Whether a body can be handed out by `getJson`; a body that cannot is not worth storing. */
export function isJsonBody(body: string): boolean {
  if (body.trim().length === 0) return true;
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
}

function parseJson<T>(body: string, url: string): T | undefined {
  if (body.trim().length === 0) return undefined;
  try {
    return JSON.parse(body) as T;
  } catch (error) {
    throw new Error(`GET ${url}: the response body is not JSON`, { cause: error });
  }
}
