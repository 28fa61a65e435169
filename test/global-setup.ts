import { randomBytes } from 'node:crypto';
import { removeStaleTestResources } from '../libs/testing/src/test-environment';

/** Before a run: the compiled apps must exist (npm test builds them) and stale leftovers go. */
export default async function globalSetup(): Promise<void> {
  // Jest runs with NODE_ENV=test, where the services refuse the public development secret:
  // the run signs and checks tokens with a secret of its own (apps inherit the environment).
  process.env.JWT_SECRET ??= randomBytes(32).toString('base64url');
  // The suites make many admin calls and cart and order writes from one address: no rate limit
  // unless a spec sets one for an app (the rate-limit specs do, through the app's env).
  process.env.ADMIN_RATE_LIMIT = '0';
  process.env.CUSTOMER_WRITE_RATE_LIMIT = '0';
  // Carts and orders trust the customer named (gateway mode) unless a spec sets token mode.
  process.env.CUSTOMER_AUTH = 'gateway';
  await removeStaleTestResources();
}
