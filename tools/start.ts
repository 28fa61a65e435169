import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { APPS, appEntry } from './apps';

/**
 * Starts every service (each creates its database if missing, migrates, declares its broker
 * topology and starts its relay and consumers), then the operations console, and stops them all
 * on Ctrl-C or SIGTERM.
 */
const children = new Map<string, ChildProcess>();
let stopping = false;

function start(name: string): void {
  const child = spawn(process.execPath, [appEntry(name)], {
    env: { ...process.env, FORCE_COLOR: process.stdout.isTTY ? '1' : '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.set(name, child);
  const prefix = `${name.padEnd(15)}|`;
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream }).on('line', (line) => console.log(prefix, line));
  }
  child.on('exit', (code, signal) => {
    children.delete(name);
    console.log(prefix, `exited (${signal ?? code})`);
    if (!stopping) {
      console.error(`${name} stopped unexpectedly; stopping the others`);
      stop(1);
    }
    if (children.size === 0) process.exit(process.exitCode ?? 0);
  });
}

function stop(code = 0): void {
  if (stopping) return;
  stopping = true;
  process.exitCode = code;
  for (const child of children.values()) child.kill('SIGTERM');
  if (children.size === 0) process.exit(code);
}

process.on('SIGINT', () => stop());
process.on('SIGTERM', () => stop());
for (const app of APPS) start(app.name);
console.log(`starting ${APPS.map((a) => a.name).join(', ')}; Ctrl-C stops everything`);
