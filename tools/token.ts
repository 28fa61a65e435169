import { CUSTOMER_ROLE, signToken } from '@app/auth';

/**
 * Prints a JWT signed with `JWT_SECRET`: `npm run token -- admin [subject]` (roles may be
 * comma-separated), `npm run token -- customer <customerId>` (the customer is the `sub`).
 */
const roles = (process.argv[2] ?? 'admin').split(',').filter(Boolean);
const subject = process.argv[3];
if (roles.includes(CUSTOMER_ROLE) && !subject) {
  process.stderr.write('usage: npm run token -- customer <customerId>\n');
  process.exit(2);
}
process.stdout.write(`${signToken({ sub: subject ?? `dev-${roles.join('-')}`, roles })}\n`);
