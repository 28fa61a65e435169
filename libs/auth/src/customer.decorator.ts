import {
  applyDecorators,
  createParamDecorator,
  SetMetadata,
  UseGuards,
  type ExecutionContext,
} from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { CustomerCaller } from './customer-caller';
import {
  CUSTOMER_ROUTE,
  CustomerGuard,
  type CustomerRequest,
  type CustomerSource,
} from './customer.guard';

/**
 * Marks a route or controller as a customer's: behind a gateway anyone passes; in token mode
 * the caller needs a customer token (401/403), and its `sub` must be the customer named by
 * `customerFrom` (a path parameter or a body field), else 403. A route that finds its customer
 * only later (an order by id) omits `customerFrom` and asks `@Customer()` itself.
 */
export function CustomerOnly(customerFrom?: CustomerSource) {
  return applyDecorators(
    SetMetadata(CUSTOMER_ROUTE, { customerFrom }),
    UseGuards(CustomerGuard),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'customer token mode: no or invalid bearer token' }),
    ApiForbiddenResponse({
      description: "customer token mode: no customer role, or another customer's token",
    }),
  );
}

/** The caller of a `@CustomerOnly()` route: `assertActsFor(customerId)` answers 403 for another's. */
export const Customer = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): CustomerCaller => {
    const customer = ctx.switchToHttp().getRequest<CustomerRequest>().customer;
    if (!customer) throw new Error('@Customer() needs a @CustomerOnly() route');
    return customer;
  },
);
