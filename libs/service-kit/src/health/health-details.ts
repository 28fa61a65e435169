const details = new Map<string, () => unknown>();

/**
 * Adds a named section to `GET /admin/health` (e.g. a caching client's hit counts). Reported only:
 * a detail never makes the service unready.
 */
export function registerHealthDetail(name: string, read: () => unknown): () => void {
  details.set(name, read);
  return () => details.delete(name);
}

export function healthDetails(): Record<string, unknown> {
  return Object.fromEntries([...details.entries()].map(([name, read]) => [name, read()]));
}
