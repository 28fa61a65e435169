import { Client } from 'pg';
import type { BenchConfig } from '../config';
import type { BenchWorld } from './world';
import { nowMs, sleep } from './clock';

export interface BenchContext {
  config: BenchConfig;
  world: BenchWorld;
  log(message: string): void;
}

/**
 * A client of the orchestrator. A session that dies (the cleanup drops the bench databases
 * `WITH (FORCE)`, a server restarts) fails the query in flight; without a listener its
 * 'error' event would also end the process before the cleanup has finished.
 */
export function benchClient(url: string, applicationName = 'bench'): Client {
  const client = new Client({ connectionString: url, application_name: applicationName });
  client.on('error', () => undefined);
  return client;
}

/** Runs `work` with a short-lived client on `url`. */
export async function withDb<T>(
  url: string,
  work: (client: Client) => Promise<T>,
  applicationName?: string,
): Promise<T> {
  const client = benchClient(url, applicationName);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Polls `probe` until it returns a value other than undefined/false. */
export async function until<T>(
  probe: () => Promise<T | undefined | false>,
  what: string,
  timeoutMs = 60_000,
  intervalMs = 20,
): Promise<T> {
  const deadline = nowMs() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (nowMs() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(intervalMs);
  }
}

/** The same list rotated by `by`, so no contender always runs first (or last) in a round. */
export function rotate<T>(items: T[], by: number): T[] {
  const k = by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}
