import {
  BadRequestException,
  ForbiddenException,
  Inject,
  Injectable,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { bearerClaims } from './bearer-token';
import { CUSTOMER_AUTH_OPTIONS, type CustomerAuthOptions } from './customer-auth.options';
import { CUSTOMER_ROLE, CustomerCaller } from './customer-caller';
import type { AuthenticatedRequest } from './roles.guard';

/** Where a customer route names the customer it acts for: a path parameter or a body field. */
export type CustomerSource = { param: string } | { body: string };

/** Metadata key set by `CustomerOnly`: `{ customerFrom?: CustomerSource }`. */
export const CUSTOMER_ROUTE = 'auth:customer-route';

export type CustomerRequest = AuthenticatedRequest & { customer?: CustomerCaller };

/**
 * Behind a gateway (mode `gateway`), lets every call through. In mode `token`: 401 without a
 * valid bearer token, 403 without the `customer` role or when the token's `sub` is not the
 * customer the route names.
 */
@Injectable()
export class CustomerGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(CUSTOMER_AUTH_OPTIONS) private readonly options: CustomerAuthOptions,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<CustomerRequest>();
    if (this.options.mode === 'gateway') {
      req.customer = new CustomerCaller('gateway');
      return true;
    }
    const claims = bearerClaims(req);
    if (!claims.roles.includes(CUSTOMER_ROLE)) {
      throw new ForbiddenException(`the ${CUSTOMER_ROLE} role is required`);
    }
    const caller = new CustomerCaller('token', claims.sub);
    const route = this.reflector.getAllAndOverride<{ customerFrom?: CustomerSource } | undefined>(
      CUSTOMER_ROUTE,
      [context.getHandler(), context.getClass()],
    );
    if (route?.customerFrom) caller.assertActsFor(namedCustomer(req, route.customerFrom));
    req.actor = claims;
    req.customer = caller;
    return true;
  }
}

/** The customer the request names where the route says it does. */
function namedCustomer(req: CustomerRequest, source: CustomerSource): string {
  if ('param' in source) {
    const value = req.params[source.param];
    // A route naming a parameter it does not have is a programming error, never a pass.
    if (typeof value !== 'string') throw new Error(`no path parameter ${source.param}`);
    return value;
  }
  const body: unknown = req.body;
  const value =
    typeof body === 'object' && body !== null
      ? (body as Record<string, unknown>)[source.body]
      : undefined;
  if (typeof value !== 'string') {
    throw new BadRequestException({
      message: [`${source.body}: the customer id is required`],
      fields: [{ field: source.body, problems: ['the customer id is required'] }],
    });
  }
  return value;
}
