import { signToken } from '@app/auth';

export function adminToken(): string {
  return signToken({ sub: 'test-admin', roles: ['admin'] });
}

export interface JsonResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** A tiny JSON HTTP client for black-box tests. */
export async function http<T = any>(
  method: string,
  url: string,
  options: { body?: unknown; headers?: Record<string, string>; admin?: boolean } = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.admin) headers.authorization = `Bearer ${adminToken()}`;
  const res = await fetch(url, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: (text ? JSON.parse(text) : undefined) as T,
  };
}
