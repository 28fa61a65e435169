import type { NextFunction, Request, Response } from 'express';
import { Counter, Histogram } from 'prom-client';
import { createProcessRegistry, HTTP_LATENCY_BUCKETS, metricName } from '@app/metrics';

/** The process's metrics registry, served by `GET /metrics`. */
export const metricsRegistry = createProcessRegistry();

const labelNames = ['method', 'route', 'status'];

const requests = new Counter({
  name: metricName('http_requests_total'),
  help: 'HTTP requests served, by method, route pattern and status',
  labelNames,
  registers: [metricsRegistry],
});

const duration = new Histogram({
  name: metricName('http_request_duration_seconds'),
  help: 'time from a request received to its response finished, by method, route pattern and status',
  labelNames,
  buckets: HTTP_LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

/**
 * Express middleware counting and timing every response by its route pattern (not its raw
 * path, so ids do not multiply series).
 */
export function measureRequests(req: Request, res: Response, next: NextFunction): void {
  const started = process.hrtime.bigint();
  res.on('finish', () => {
    const pattern = (req.route as { path?: string } | undefined)?.path;
    const labels = {
      method: req.method,
      route: pattern ? `${req.baseUrl}${pattern}` : 'unmatched',
      status: String(res.statusCode),
    };
    requests.inc(labels);
    duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
  });
  next();
}
