import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the origin answers for one path; `etag` turns on `If-None-Match` → 304. */
export interface Resource {
  status?: number;
  body?: unknown;
  /** Sent raw instead of `body` as JSON. */
  rawBody?: string;
  etag?: string;
  headers?: Record<string, string>;
  /** Holds the answer back this long (timeouts, request coalescing). */
  delayMs?: number;
}

/** One request as the origin saw it. */
export interface SeenRequest {
  path: string;
  headers: IncomingHttpHeaders;
}

/**
 * A real HTTP origin on 127.0.0.1 and a free port, like an owner service: JSON bodies, the
 * headers each test configures, a 304 with fresh cache headers when `If-None-Match` matches the
 * resource's ETag, and a log of every request so a test can prove none was sent.
 */
export class OriginServer {
  readonly requests: SeenRequest[] = [];
  private readonly resources = new Map<string, Resource>();
  private readonly server: Server;
  private baseUrl = '';

  private constructor() {
    this.server = createServer((req, res) => {
      const path = req.url ?? '/';
      this.requests.push({ path, headers: req.headers });
      const resource = this.resources.get(path) ?? { status: 404, body: { error: 'Not Found' } };
      const answer = () => {
        const headers: Record<string, string> = { ...resource.headers };
        if (resource.etag !== undefined) headers['etag'] = resource.etag;
        if (resource.etag !== undefined && req.headers['if-none-match'] === resource.etag) {
          res.writeHead(304, headers).end();
          return;
        }
        const body = resource.rawBody ?? JSON.stringify(resource.body ?? null);
        res.writeHead(resource.status ?? 200, { 'content-type': 'application/json', ...headers });
        res.end(body);
      };
      if (resource.delayMs) setTimeout(answer, resource.delayMs);
      else answer();
    });
  }

  static async start(): Promise<OriginServer> {
    const origin = new OriginServer();
    await new Promise<void>((resolve) => origin.server.listen(0, '127.0.0.1', resolve));
    const { port } = origin.server.address() as AddressInfo;
    origin.baseUrl = `http://127.0.0.1:${port}`;
    return origin;
  }

  /** Base URL; still the same after `stop()`, so a test can aim at the dead port. */
  get url(): string {
    return this.baseUrl;
  }

  /** Sets (or replaces) what `path` answers from now on. */
  serve(path: string, resource: Resource): void {
    this.resources.set(path, resource);
  }

  /** Requests received for `path` so far. */
  count(path: string): number {
    return this.requests.filter((r) => r.path === path).length;
  }

  /** The last request received for `path`. */
  last(path: string): SeenRequest | undefined {
    return this.requests.filter((r) => r.path === path).at(-1);
  }

  /** Stops listening and drops idle keep-alive connections, so the next request fails. */
  async stop(): Promise<void> {
    if (!this.server.listening) return;
    const closed = new Promise<void>((resolve, reject) =>
      this.server.close((err) => (err ? reject(err) : resolve())),
    );
    this.server.closeAllConnections();
    await closed;
  }
}

/** A clock the test moves by hand, starting at the real time so `Date` headers look sane. */
export class ManualClock {
  private current = Date.now();

  readonly now = (): number => this.current;

  advanceSeconds(seconds: number): void {
    this.current += seconds * 1000;
  }
}
