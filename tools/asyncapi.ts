import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ASYNCAPI_FILE, ROOT, systemAsyncApiYaml } from './system-asyncapi';

/**
 * Writes the whole system's AsyncAPI document to docs/asyncapi.yaml: `npm run asyncapi` (which
 * builds first: the document is read from the built apps). Commit the result.
 */
systemAsyncApiYaml().then(
  (yaml) => {
    writeFileSync(join(ROOT, ASYNCAPI_FILE), yaml);
    process.stdout.write(`wrote ${ASYNCAPI_FILE}\n`);
  },
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
