import { signToken } from '@app/auth';

/** Prints a development JWT: `npm run token -- admin` (roles may be comma-separated). */
const roles = (process.argv[2] ?? 'admin').split(',').filter(Boolean);
const subject = process.argv[3] ?? `dev-${roles.join('-')}`;
process.stdout.write(`${signToken({ sub: subject, roles })}\n`);
