import { BadGatewayException, GatewayTimeoutException, Inject, Injectable } from '@nestjs/common';
import { activeTraceparent } from '@app/telemetry';
import { PROXY_OPTIONS, type ProxyOptions } from './proxy.options';

/** What the console passes on of a request: never its cookies, never a token of its own. */
export interface UpstreamRequest {
  method: 'GET' | 'POST';
  authorization?: string;
  requestId?: string;
  /** JSON text, for a POST that has a body. */
  body?: string;
}

/** A service's answer as the console hands it back. */
export interface UpstreamAnswer {
  status: number;
  contentType: string | null;
  retryAfter: string | null;
  body: Buffer;
}

/**
 * Calls a service for the proxy: no redirect followed (the host stays the configured one), one
 * deadline for the whole answer, and transport failures turned into 502 (unreachable, refused,
 * reset) or 504 (no answer in time) with the service named.
 */
@Injectable()
export class Upstream {
  constructor(@Inject(PROXY_OPTIONS) private readonly options: ProxyOptions) {}

  async call(service: string, url: URL, request: UpstreamRequest): Promise<UpstreamAnswer> {
    const headers: Record<string, string> = { accept: 'application/json, text/plain' };
    if (request.authorization) headers.authorization = request.authorization;
    if (request.requestId) headers['x-request-id'] = request.requestId;
    const traceparent = activeTraceparent();
    if (traceparent) headers.traceparent = traceparent;
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    try {
      const res = await fetch(url, {
        method: request.method,
        headers,
        body: request.body,
        redirect: 'manual',
        signal,
      });
      const body = Buffer.from(await res.arrayBuffer());
      return {
        status: res.status,
        contentType: res.headers.get('content-type'),
        retryAfter: res.headers.get('retry-after'),
        body,
      };
    } catch (err) {
      if (signal.aborted) {
        throw new GatewayTimeoutException(
          `${service} did not answer within ${this.options.timeoutMs} ms`,
        );
      }
      throw new BadGatewayException(`${service} is unreachable: ${causeOf(err)}`);
    }
  }
}

/** fetch says only "fetch failed"; the reason (ECONNREFUSED 127.0.0.1:9) is in its cause. */
function causeOf(err: unknown): string {
  const cause = (err as { cause?: unknown }).cause;
  if (cause instanceof Error) return cause.message;
  return err instanceof Error ? err.message : String(err);
}
