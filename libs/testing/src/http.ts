import { signToken } from '@app/auth';

export function adminToken(): string {
  return signToken({ sub: 'test-admin', roles: ['admin'] });
}

/** A customer token (role `customer`) whose `sub` is `customerId`, as `npm run token` prints. */
export function customerToken(customerId: string): string {
  return signToken({ sub: customerId, roles: ['customer'] });
}

export interface JsonResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * A tiny JSON HTTP client for black-box tests. `admin: true` sends an admin token, `customer`
 * a customer token for that customer id.
 */
export async function http<T = any>(
  method: string,
  url: string,
  options: {
    body?: unknown;
    headers?: Record<string, string>;
    admin?: boolean;
    customer?: string;
  } = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.admin) headers.authorization = `Bearer ${adminToken()}`;
  if (options.customer !== undefined) {
    headers.authorization = `Bearer ${customerToken(options.customer)}`;
  }
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
