import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { CUSTOMER_ROUTE, REQUIRED_ROLES } from '@app/auth';

const reflector = new Reflector();

/**
 * A route a person calls with an admin token: it requires the admin role alone. Routes that
 * also take the `mirror` role are the service-to-service reads mirrors page through when they
 * seed and reconcile; a limit there would fail a seed, so they are left out.
 */
export function isAdminRoute(context: ExecutionContext): boolean {
  const roles = reflector.getAllAndOverride<string[] | undefined>(REQUIRED_ROLES, [
    context.getHandler(),
    context.getClass(),
  ]);
  return roles?.length === 1 && roles[0] === 'admin';
}

/** A change to a customer's data: a `@CustomerOnly()` route with any method but GET and HEAD. */
export function isCustomerWrite(context: ExecutionContext): boolean {
  const customer = reflector.getAllAndOverride<object | undefined>(CUSTOMER_ROUTE, [
    context.getHandler(),
    context.getClass(),
  ]);
  const method = context.switchToHttp().getRequest<Request>().method;
  return customer !== undefined && method !== 'GET' && method !== 'HEAD';
}
