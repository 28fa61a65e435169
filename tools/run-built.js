'use strict';
/**
 * Runs a compiled tool from dist/: `node tools/run-built.js token admin` runs dist/tools/token.js
 * with `admin`. It builds only when there is no build yet (a rebuild empties dist/ under a running
 * `npm start`); a build older than the sources earns a hint on stderr, never a silent rebuild.
 * Plain JavaScript because it runs before anything is compiled; stdout is the tool's alone.
 */
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');

/** The folders `npm run build` compiles: apps/<app>/src, libs/<lib>/src and tools. */
function sourceDirs() {
  const packages = ['apps', 'libs'].flatMap((group) =>
    readdirSync(join(ROOT, group)).map((name) => join(ROOT, group, name, 'src')),
  );
  return [...packages.filter((dir) => existsSync(dir)), join(ROOT, 'tools')];
}

/** Latest modification time of the .ts files (specs aside) under `dir`. */
function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('spec.ts')) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

function build() {
  // Through npm's own CLI when npm started us, so no shell is needed; build output goes to stderr.
  const npm = process.env.npm_execpath;
  const [command, args] = npm ? [process.execPath, [npm]] : ['npm', []];
  const result = spawnSync(command, [...args, 'run', '-s', 'build'], {
    cwd: ROOT,
    stdio: ['ignore', 2, 2],
  });
  if (result.error) process.stderr.write(`could not run npm: ${result.error.message}\n`);
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const [tool, ...args] = process.argv.slice(2);
if (!tool || !existsSync(join(ROOT, 'tools', `${tool}.ts`))) {
  process.stderr.write('usage: node tools/run-built.js <tool> [args...] (a tools/<tool>.ts)\n');
  process.exit(2);
}
const entry = join(ROOT, 'dist', 'tools', `${tool}.js`);
if (!existsSync(entry)) {
  build();
} else {
  const built = statSync(entry).mtimeMs;
  if (sourceDirs().some((dir) => newestSource(dir) > built)) {
    process.stderr.write('note: dist/ is older than the sources; `npm run build` refreshes it\n');
  }
}
process.argv = [process.argv[0], entry, ...args];
require(entry);
