/** How many requests a client address may make per window; a limit of 0 is no limit. */
export interface RateLimits {
  /** Seconds over which requests are counted. */
  windowSeconds: number;
  /** Requests to the routes that require the admin role alone (`@AdminOnly()`). */
  admin: number;
  /** Writes (any method but GET and HEAD) to customer routes (`@CustomerOnly()`). */
  customerWrites?: number;
}

/** The limits as the throttler names them. */
export const ADMIN_THROTTLER = 'admin';
export const CUSTOMER_WRITES_THROTTLER = 'customer-writes';
