import { DEV_JWT_SECRET, signToken } from '@app/auth';
import { ServiceSystem, http } from '@app/testing';

/**
 * `JWT_SECRET` is part of each service's validated configuration: outside development the
 * public default is refused at boot, so nobody can sign `{"roles":["admin"]}` with it.
 */
describe('the JWT secret at boot', () => {
  let system: ServiceSystem;

  beforeAll(async () => {
    system = await ServiceSystem.start(['product']);
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('refuses to start in production with the development secret or a short one', async () => {
    await system.app('product').stop();
    for (const [secret, problem] of [
      [DEV_JWT_SECRET, 'JWT_SECRET is the public development default'],
      ['short-secret', 'JWT_SECRET must be at least 32 bytes'],
    ]) {
      await expect(
        system.startApp('product', { NODE_ENV: 'production', JWT_SECRET: secret }),
      ).rejects.toThrow();
      const app = system.app('product');
      expect(await app.waitForExit()).not.toBe(0);
      expect(app.logs()).toContain(problem);
    }
  });

  it('starts with a strong secret and accepts only tokens signed with it', async () => {
    const secret = 'p'.repeat(40);
    await system.app('product').stop();
    await system.startApp('product', { NODE_ENV: 'production', JWT_SECRET: secret });
    const body = { sku: 'SECRET-1', name: 'Signed', priceCents: 100, currency: 'EUR' };
    const as = async (token: string) =>
      (
        await http('POST', `${system.url('product')}/products`, {
          headers: { authorization: `Bearer ${token}` },
          body,
        })
      ).status;
    expect(await as(signToken({ sub: 'ops', roles: ['admin'] }, DEV_JWT_SECRET))).toBe(401);
    expect(await as(signToken({ sub: 'ops', roles: ['admin'] }, secret))).toBe(201);
  });
});
