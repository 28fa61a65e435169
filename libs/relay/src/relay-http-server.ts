import { createServer, type Server, type ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import type { OutboxRelay } from './outbox-relay';

export interface RelayHttpOptions {
  port: number;
  host?: string;
}

/** What a standalone relay's readiness says; statuses only, as the services' `/health`. */
export interface RelayHealth {
  status: 'ok' | 'unavailable';
  database: 'up' | 'down';
  broker: 'up' | 'down';
}

export function relayHealth(relay: OutboxRelay): RelayHealth {
  const { running, databaseConnected, brokerConnected } = relay.status();
  return {
    status: running && databaseConnected && brokerConnected ? 'ok' : 'unavailable',
    database: databaseConnected ? 'up' : 'down',
    broker: brokerConnected ? 'up' : 'down',
  };
}

/**
 * A standalone relay's own small HTTP port: `GET /metrics` (Prometheus text), `/health/live`
 * (200 while the process answers) and `/health/ready` (also `/health`: 200 while the relay
 * runs with its database and broker reachable, else 503).
 */
export async function serveRelayHttp(
  relay: OutboxRelay,
  registry: Registry,
  options: RelayHttpOptions,
): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: 'GET only' });
    switch (path) {
      case '/metrics':
        void registry.metrics().then(
          (text) => send(res, 200, text, registry.contentType),
          (err: unknown) => send(res, 500, { error: String(err) }),
        );
        return;
      case '/health/live':
        return send(res, 200, { status: 'ok' });
      case '/health':
      case '/health/ready': {
        const health = relayHealth(relay);
        return send(res, health.status === 'ok' ? 200 : 503, health);
      }
      default:
        return send(res, 404, { error: `no route ${path}` });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

function send(res: ServerResponse, status: number, body: unknown, type?: string): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': type ?? 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(text);
}
