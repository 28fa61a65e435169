import { jwtSecret, signToken } from './jwt';

const LIFETIME_SECONDS = 5 * 60;
/** A cached token is replaced this long before it expires, so it never expires in flight. */
const RENEW_BEFORE_MS = 60_000;

const cache = new Map<string, { token: string; renewAt: number }>();

/**
 * A short-lived (5 min) token for one service calling another, e.g. a mirror reading its owner
 * with role `mirror`, signed with the shared secret. Cached, and renewed 1 min before expiry.
 */
export function serviceToken(subject: string, roles: string[], secret = jwtSecret()): string {
  const key = JSON.stringify([subject, [...roles].sort(), secret]);
  const now = Date.now();
  const cached = cache.get(key);
  if (cached && now < cached.renewAt) return cached.token;
  const token = signToken({ sub: subject, roles }, secret, `${LIFETIME_SECONDS}s`);
  cache.set(key, { token, renewAt: now + LIFETIME_SECONDS * 1000 - RENEW_BEFORE_MS });
  return token;
}
