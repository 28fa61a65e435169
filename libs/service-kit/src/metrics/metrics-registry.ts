import type { NextFunction, Request, Response } from 'express';
import { Counter, Registry } from 'prom-client';

/** The process's metrics registry, served by `GET /metrics`. */
export const metricsRegistry = new Registry();

const requests = new Counter({
  name: 'http_requests_total',
  help: 'HTTP requests served, by method, route pattern and status',
  labelNames: ['method', 'route', 'status'],
  registers: [metricsRegistry],
});

/** Express middleware counting every response by its route pattern (not its raw path). */
export function countRequests(req: Request, res: Response, next: NextFunction): void {
  res.on('finish', () => {
    const pattern = (req.route as { path?: string } | undefined)?.path;
    const route = pattern ? `${req.baseUrl}${pattern}` : 'unmatched';
    requests.inc({ method: req.method, route, status: String(res.statusCode) });
  });
  next();
}
