import { randomBytes } from 'node:crypto';
import { removeStaleTestResources } from '../libs/testing/src/test-environment';

/** Before a run: the compiled apps must exist (npm test builds them) and stale leftovers go. */
export default async function globalSetup(): Promise<void> {
  // Jest runs with NODE_ENV=test, where the services refuse the public development secret:
  // the run signs and checks tokens with a secret of its own (apps inherit the environment).
  process.env.JWT_SECRET ??= randomBytes(32).toString('base64url');
  await removeStaleTestResources();
}
