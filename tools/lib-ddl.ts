import { isLibWithSchema, LIB_SCHEMAS } from './lib-schemas';

/**
 * Prints the current DDL of the named libs, to paste into a new migration:
 * `npm run build && node dist/tools/lib-ddl.js outbox inbox`.
 */
const names = process.argv.slice(2);
if (names.length === 0 || !names.every(isLibWithSchema)) {
  process.stderr.write(`usage: lib-ddl <${Object.keys(LIB_SCHEMAS).join('|')}>...\n`);
  process.exit(2);
}
for (const name of names) {
  process.stdout.write(`-- ${name}\n${LIB_SCHEMAS[name]().join(';\n\n')};\n\n`);
}
