import { removeStaleTestResources } from '../libs/testing/src/test-environment';

/** Before a run: the compiled apps must exist (npm test builds them) and stale leftovers go. */
export default async function globalSetup(): Promise<void> {
  await removeStaleTestResources();
}
