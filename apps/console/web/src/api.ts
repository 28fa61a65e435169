import { session } from './session.js';

/** A call that failed: the service's own status and message, or 0 when nothing answered. */
export class ApiError extends Error {
  constructor(
    readonly service: string,
    readonly status: number,
    message: string,
  ) {
    super(`${service}: ${status === 0 ? '' : `${status} `}${message}`);
    this.name = 'ApiError';
  }

  /** The token was refused (401) or is not an admin's (403). */
  get isAuth(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

export interface CallOptions {
  method?: 'GET' | 'POST';
  body?: unknown;
  /** Statuses besides 2xx that carry an answer (503 from a health route that is not ready). */
  accept?: number[];
}

/**
 * Calls a service's own admin API through the console's proxy (`/api/<service>/<path>`) with the
 * signed-in admin token. Throws ApiError for any other status, with the service's message.
 */
export async function call<T>(
  service: string,
  path: string,
  options: CallOptions = {},
): Promise<T> {
  const text = await request(service, path, options);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The same for a text answer (`/metrics`). */
export function callText(service: string, path: string): Promise<string> {
  return request(service, path, {});
}

async function request(service: string, path: string, options: CallOptions): Promise<string> {
  const headers: Record<string, string> = {};
  const token = session.token();
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(`/api/${encodeURIComponent(service)}/${path}`, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      cache: 'no-store',
    });
  } catch (err) {
    throw new ApiError(service, 0, `the console did not answer (${String(err)})`);
  }
  const text = await res.text();
  if (!res.ok && !(options.accept ?? []).includes(res.status)) {
    throw new ApiError(service, res.status, messageOf(text, res.statusText));
  }
  return text;
}

/** The `message` of a JSON error (`{ statusCode, error, message }`), else the text itself. */
function messageOf(text: string, fallback: string): string {
  try {
    const body = JSON.parse(text) as { message?: string | string[]; error?: string };
    const message = Array.isArray(body.message) ? body.message.join('; ') : body.message;
    return message ?? body.error ?? fallback;
  } catch {
    return text.slice(0, 300) || fallback;
  }
}

/** The services the console fronts (`GET /api/services`, no token needed). */
export async function listServices(): Promise<string[]> {
  const res = await fetch('/api/services', { cache: 'no-store' });
  if (!res.ok) throw new ApiError('console', res.status, res.statusText);
  return ((await res.json()) as { services: string[] }).services;
}
