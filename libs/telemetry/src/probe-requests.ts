/**
 * Health checks and metric scrapes: polled every few seconds by orchestrators and Prometheus,
 * they get no request log line and no trace of their own.
 */
export function isProbeRequest(url: string | undefined): boolean {
  return url !== undefined && /^\/(health|metrics)(\/|\?|$)/.test(url);
}
