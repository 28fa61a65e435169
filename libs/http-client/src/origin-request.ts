import type { HeaderMap, OriginResponse } from './stored-response';
import type { OriginFailureKind } from './upstream-unavailable.error';

/** The subset of `fetch` the client uses; Node's global `fetch` fits, and so does a test double. */
export type FetchFunction = (url: string, init: RequestInit) => Promise<Response>;

/** The origin could not give a usable answer; becomes the `cause` of an upstream error. */
export class OriginFailure extends Error {
  override readonly name = 'OriginFailure';
  /** The origin's status for a `server-error`. */
  readonly status: number | undefined;

  constructor(
    readonly kind: OriginFailureKind,
    message: string,
    options: { cause?: unknown; status?: number } = {},
  ) {
    super(message, { cause: options.cause });
    this.status = options.status;
  }
}

/** How to reach the origin for one request. */
export interface OriginRequest {
  fetch: FetchFunction;
  url: string;
  headers: HeaderMap;
  timeoutMs: number;
  now: () => number;
}

/**
 * One GET to the origin, body included, under a single deadline: the timer covers reading the
 * body too, so a server that sends headers and then stalls is still a timeout. Throws
 * {@link OriginFailure} for a network error, a timeout, or a 5xx, which are exactly the failures
 * a stale copy may stand in for (RFC 5861 section 4).
 */
export async function requestOrigin(request: OriginRequest): Promise<OriginResponse> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), request.timeoutMs);
  const requestTime = request.now();
  try {
    const response = await request.fetch(request.url, {
      method: 'GET',
      headers: request.headers,
      signal: controller.signal,
    });
    const body = await response.text();
    const responseTime = request.now();
    if (response.status >= 500) {
      throw new OriginFailure('server-error', `origin answered ${response.status}`, {
        status: response.status,
      });
    }
    return {
      status: response.status,
      headers: headerMap(response.headers),
      body,
      requestTime,
      responseTime,
    };
  } catch (error) {
    if (error instanceof OriginFailure) throw error;
    if (controller.signal.aborted) {
      throw new OriginFailure('timeout', `no response within ${request.timeoutMs} ms`, {
        cause: error,
      });
    }
    throw new OriginFailure('network', networkMessage(error), { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

function headerMap(headers: Headers): HeaderMap {
  const map: HeaderMap = {};
  headers.forEach((value, name) => {
    map[name.toLowerCase()] = value;
  });
  return map;
}

/** undici reports "fetch failed" and hides the useful part (ECONNREFUSED ...) in `cause`. */
function networkMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = error.cause;
  return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
}
