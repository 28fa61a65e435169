import {
  BadRequestException,
  ForbiddenException,
  UnauthorizedException,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CustomerCaller, type CustomerAuthMode } from './customer-caller';
import { CUSTOMER_ROUTE, CustomerGuard, type CustomerSource } from './customer.guard';
import { signToken } from './jwt';

const SECRET = 'a-test-secret-of-at-least-32-bytes!!';

interface FakeRequest {
  headers: { authorization?: string };
  params: Record<string, string>;
  body?: unknown;
  customer?: CustomerCaller;
}

/** Runs the guard on a handler declared with `customerFrom`, for a request. */
function run(mode: CustomerAuthMode, customerFrom: CustomerSource | undefined, req: FakeRequest) {
  const handler = () => undefined;
  Reflect.defineMetadata(CUSTOMER_ROUTE, { customerFrom }, handler);
  const context = {
    getHandler: () => handler,
    getClass: () => class {},
    switchToHttp: () => ({ getRequest: () => req }),
  } as unknown as ExecutionContext;
  return new CustomerGuard(new Reflector(), { mode }).canActivate(context);
}

const bearer = (sub: string, roles = ['customer']) => ({
  authorization: `Bearer ${signToken({ sub, roles }, SECRET, '1h')}`,
});

describe('CustomerGuard', () => {
  const env = process.env.JWT_SECRET;
  beforeAll(() => (process.env.JWT_SECRET = SECRET));
  afterAll(() => (process.env.JWT_SECRET = env));

  it('lets every call through behind a gateway, for any customer', () => {
    const req: FakeRequest = { headers: {}, params: { customerId: 'alice' } };
    expect(run('gateway', { param: 'customerId' }, req)).toBe(true);
    expect(req.customer?.mayActFor('bob')).toBe(true);
  });

  it('in token mode: 401 without a valid token, 403 without the customer role', () => {
    const params = { customerId: 'alice' };
    expect(() => run('token', { param: 'customerId' }, { headers: {}, params })).toThrow(
      UnauthorizedException,
    );
    const forged = {
      authorization: `Bearer ${signToken({ sub: 'alice', roles: ['customer'] }, 'x'.repeat(32))}`,
    };
    expect(() => run('token', { param: 'customerId' }, { headers: forged, params })).toThrow(
      UnauthorizedException,
    );
    expect(() =>
      run('token', { param: 'customerId' }, { headers: bearer('alice', ['admin']), params }),
    ).toThrow(new ForbiddenException('the customer role is required'));
  });

  it("in token mode: the path's customer must be the token's", () => {
    const params = { customerId: 'alice' };
    expect(() => run('token', { param: 'customerId' }, { headers: bearer('bob'), params })).toThrow(
      new ForbiddenException('the customer token is for another customer'),
    );
    const req: FakeRequest = { headers: bearer('alice'), params };
    expect(run('token', { param: 'customerId' }, req)).toBe(true);
    expect([req.customer?.mayActFor('alice'), req.customer?.mayActFor('bob')]).toEqual([
      true,
      false,
    ]);
  });

  it("in token mode: the body's customer must be the token's, and must be there", () => {
    const call = (body: unknown) =>
      run('token', { body: 'customerId' }, { headers: bearer('alice'), params: {}, body });
    expect(call({ customerId: 'alice' })).toBe(true);
    expect(() => call({ customerId: 'bob' })).toThrow(ForbiddenException);
    for (const body of [undefined, {}, { customerId: 7 }, 'alice']) {
      expect(() => call(body)).toThrow(BadRequestException);
    }
  });

  it('in token mode without customerFrom, leaves the check to the route', () => {
    const req: FakeRequest = { headers: bearer('alice'), params: {} };
    expect(run('token', undefined, req)).toBe(true);
    expect(() => req.customer?.assertActsFor('bob')).toThrow(ForbiddenException);
    expect(() => req.customer?.assertActsFor('alice')).not.toThrow();
  });

  it('refuses a route that names a path parameter it does not have', () => {
    expect(() =>
      run('token', { param: 'customerId' }, { headers: bearer('alice'), params: {} }),
    ).toThrow('no path parameter customerId');
  });
});
