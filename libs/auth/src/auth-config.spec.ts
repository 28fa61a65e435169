import { loadConfig } from '@app/config';
import { AuthConfig } from './auth-config';
import { DEV_JWT_SECRET } from './jwt';

const strong = 'k'.repeat(32);

describe('AuthConfig', () => {
  it('takes the development secret in development, NODE_ENV unset included', () => {
    expect(loadConfig(AuthConfig, {}).JWT_SECRET).toBe(DEV_JWT_SECRET);
    expect(loadConfig(AuthConfig, { NODE_ENV: 'development' }).JWT_SECRET).toBe(DEV_JWT_SECRET);
  });

  it('refuses the development secret anywhere else, set or defaulted', () => {
    for (const env of [
      { NODE_ENV: 'production' },
      { NODE_ENV: 'production', JWT_SECRET: DEV_JWT_SECRET },
      { NODE_ENV: 'test' },
    ]) {
      expect(() => loadConfig(AuthConfig, env)).toThrow(
        'JWT_SECRET is the public development default',
      );
    }
  });

  it('refuses a secret shorter than 32 bytes, in development too', () => {
    expect(() => loadConfig(AuthConfig, { JWT_SECRET: 'k'.repeat(31) })).toThrow(
      'JWT_SECRET must be at least 32 bytes',
    );
    // Bytes, not characters: 16 two-byte characters are 32 bytes.
    expect(
      loadConfig(AuthConfig, { NODE_ENV: 'production', JWT_SECRET: 'é'.repeat(16) }),
    ).toMatchObject({
      JWT_SECRET: 'é'.repeat(16),
    });
    expect(loadConfig(AuthConfig, { NODE_ENV: 'production', JWT_SECRET: strong }).JWT_SECRET).toBe(
      strong,
    );
  });
});
