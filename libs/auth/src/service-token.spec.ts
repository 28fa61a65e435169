import { serviceToken } from './service-token';
import { verifyToken } from './jwt';

describe('serviceToken', () => {
  afterEach(() => jest.useRealTimers());

  it('signs a 5-minute token with the subject and roles, verified with the same secret', () => {
    const token = serviceToken('catalog', ['mirror'], 'secret-a');
    expect(verifyToken(token, 'secret-a')).toEqual({ sub: 'catalog', roles: ['mirror'] });
    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as {
      iat: number;
      exp: number;
    };
    expect(payload.exp - payload.iat).toBe(300);
    expect(() => verifyToken(token, 'secret-b')).toThrow();
  });

  it('reuses the token until a minute before it expires, then signs a new one', () => {
    jest.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') });
    const first = serviceToken('order', ['mirror'], 'secret-c');
    jest.setSystemTime(new Date('2030-01-01T00:03:59Z'));
    expect(serviceToken('order', ['mirror'], 'secret-c')).toBe(first);
    jest.setSystemTime(new Date('2030-01-01T00:04:00Z'));
    const renewed = serviceToken('order', ['mirror'], 'secret-c');
    expect(renewed).not.toBe(first);
    expect(verifyToken(renewed, 'secret-c').sub).toBe('order');
  });

  it('keeps one token per subject, roles and secret', () => {
    const a = serviceToken('cart', ['mirror'], 'secret-d');
    expect(serviceToken('cart', ['mirror', 'admin'], 'secret-d')).not.toBe(a);
    expect(serviceToken('tracking', ['mirror'], 'secret-d')).not.toBe(a);
    expect(serviceToken('cart', ['mirror'], 'secret-e')).not.toBe(a);
  });
});
