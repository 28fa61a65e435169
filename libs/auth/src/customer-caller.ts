import { ForbiddenException } from '@nestjs/common';

/**
 * How customer routes know their caller. `gateway`: a gateway in front authenticates customers
 * and the route trusts the customer id it is given (the development default). `token`: the
 * caller shows a customer token (role `customer`) whose `sub` is the customer it acts for.
 */
export const CUSTOMER_AUTH_MODES = ['gateway', 'token'] as const;
export type CustomerAuthMode = (typeof CUSTOMER_AUTH_MODES)[number];

/** The role a customer token carries. */
export const CUSTOMER_ROLE = 'customer';

/** Who called a customer route, and for which customers it may act. */
export class CustomerCaller {
  /** `customerId`: the token's `sub` in token mode; undefined behind a gateway. */
  constructor(
    readonly mode: CustomerAuthMode,
    readonly customerId?: string,
  ) {}

  /** Behind a gateway, for any customer; with a token, only for the token's own. */
  mayActFor(customerId: string): boolean {
    return this.mode === 'gateway' || this.customerId === customerId;
  }

  /** 403 unless the caller may act for `customerId`. */
  assertActsFor(customerId: string): void {
    if (!this.mayActFor(customerId)) {
      throw new ForbiddenException('the customer token is for another customer');
    }
  }
}
