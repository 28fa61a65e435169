import * as jwt from 'jsonwebtoken';
import { InvalidTokenError, signToken, tokenPolicy, verifyToken, type TokenPolicy } from './jwt';

const SECRET = 'a-test-secret-of-at-least-32-bytes!!';
const policy: TokenPolicy = { maxLifetimeSeconds: 24 * 3600, clockSkewSeconds: 30 };
const now = () => Math.floor(Date.now() / 1000);
const raw = (payload: object, options: jwt.SignOptions = {}) =>
  jwt.sign(payload, SECRET, { algorithm: 'HS256', ...options });

function reason(token: string, p: TokenPolicy = policy): string {
  try {
    verifyToken(token, SECRET, p);
  } catch (err) {
    if (err instanceof InvalidTokenError) return err.reason;
    throw err;
  }
  return 'accepted';
}

describe('verifyToken', () => {
  it('accepts what signToken issues: sub, roles, a bounded exp', () => {
    const token = signToken({ sub: 'ops', roles: ['admin'] }, SECRET, '12h', policy);
    expect(verifyToken(token, SECRET, policy)).toEqual({ sub: 'ops', roles: ['admin'] });
  });

  it('requires exp, iat and sub, and bounds the lifetime', () => {
    expect(reason(raw({ sub: 'a', roles: ['admin'] }))).toBe('exp is required');
    expect(reason(raw({ sub: 'a', exp: now() + 60 }, { noTimestamp: true }))).toBe(
      'iat is required',
    );
    expect(reason(raw({ roles: ['admin'] }, { expiresIn: '1h' }))).toBe('sub is required');
    expect(reason(raw({ sub: '' }, { expiresIn: '1h' }))).toBe('sub is required');
    expect(reason(raw({ sub: 'a' }, { expiresIn: '36500d' }))).toBe('lifetime over 86400 s');
    expect(reason(raw({ sub: 'a' }, { expiresIn: '24h' }))).toBe('accepted');
    expect(reason(raw({ sub: 'a', iat: now() + 600, exp: now() + 900 }))).toBe(
      'issued in the future',
    );
  });

  it('allows the configured clock skew and no more', () => {
    const expiredAgo = (s: number) => raw({ sub: 'a', iat: now() - 3600, exp: now() - s });
    expect(reason(expiredAgo(10))).toBe('accepted');
    expect(reason(expiredAgo(60))).toBe('expired');
    expect(reason(expiredAgo(60), { ...policy, clockSkewSeconds: 120 })).toBe('accepted');
  });

  it('checks issuer and audience when the policy names them', () => {
    const strict = { ...policy, issuer: 'https://id.example', audience: 'shop' };
    expect(reason(raw({ sub: 'a' }, { expiresIn: '1h' }), strict)).toBe('wrong audience');
    expect(
      reason(raw({ sub: 'a' }, { expiresIn: '1h', audience: 'shop', issuer: 'other' }), strict),
    ).toBe('wrong issuer');
    expect(reason(signToken({ sub: 'a', roles: [] }, SECRET, '1h', strict), strict)).toBe(
      'accepted',
    );
  });

  it("refuses a bad signature or another algorithm with a reason of its own, not the library's", () => {
    const forged = jwt.sign({ sub: 'a', roles: ['admin'] }, 'another-secret', { expiresIn: '1h' });
    expect(reason(forged)).toBe('bad signature');
    const none = jwt.sign({ sub: 'a' }, '', { algorithm: 'none', expiresIn: '1h' });
    expect(reason(none)).not.toBe('accepted');
    expect(reason('not.a.token')).toBe('malformed');
    expect(() => verifyToken(forged, SECRET, policy)).toThrow('invalid token: bad signature');
  });
});

describe('tokenPolicy', () => {
  it('reads issuer, audience, lifetime and skew from the environment', () => {
    expect(tokenPolicy({})).toEqual({
      issuer: undefined,
      audience: undefined,
      maxLifetimeSeconds: 86400,
      clockSkewSeconds: 30,
    });
    expect(
      tokenPolicy({
        JWT_ISSUER: 'i',
        JWT_AUDIENCE: 'a',
        JWT_MAX_LIFETIME_SECONDS: '3600',
        JWT_CLOCK_SKEW_SECONDS: '5',
      }),
    ).toEqual({ issuer: 'i', audience: 'a', maxLifetimeSeconds: 3600, clockSkewSeconds: 5 });
    expect(() => tokenPolicy({ JWT_MAX_LIFETIME_SECONDS: 'a day' })).toThrow(
      'JWT_MAX_LIFETIME_SECONDS must be a whole number of seconds',
    );
  });
});
