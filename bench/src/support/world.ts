import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import type { Client } from 'pg';
import { withDb } from './context';

const run = promisify(execFile);
const PG_BASE = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const AMQP_BASE = process.env.BENCH_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
/** Every database and vhost the bench makes starts with this; nothing else is ever dropped. */
export const BENCH_PREFIX = 'bench_';

export async function rabbitmqctl(...args: string[]): Promise<string> {
  const { stdout } = await run('rabbitmqctl', args, { timeout: 60_000 });
  return stdout;
}

function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  return withDb(PG_BASE, work, 'bench-admin');
}

function assertBenchName(name: string): void {
  if (!name.startsWith(BENCH_PREFIX) || !/^[a-z0-9_]+$/.test(name)) {
    throw new Error(`refusing to touch ${name}: not a bench_ name`);
  }
}

/** The bench's private databases and vhosts on the local servers, all named `bench_<stamp>_<hex>…`. */
export class BenchWorld {
  readonly id = `${BENCH_PREFIX}${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  private readonly databases = new Set<string>();
  private readonly vhosts = new Set<string>();

  /** Creates database `<id>_<name>` and returns its URL. */
  async database(name: string): Promise<string> {
    const db = `${this.id}_${name}`;
    assertBenchName(db);
    this.databases.add(db);
    await admin((c) => c.query(`CREATE DATABASE "${db}"`));
    return this.databaseUrl(name);
  }

  databaseUrl(name: string): string {
    const url = new URL(PG_BASE);
    url.pathname = `/${this.id}_${name}`;
    return url.toString();
  }

  /** Creates vhost `<id>_<name>` with permissions for guest and returns its AMQP URL. */
  async vhost(name: string): Promise<string> {
    const vhost = `${this.id}_${name}`;
    assertBenchName(vhost);
    this.vhosts.add(vhost);
    await rabbitmqctl('add_vhost', vhost);
    await rabbitmqctl('set_permissions', '-p', vhost, 'guest', '.*', '.*', '.*');
    return `${AMQP_BASE}/${encodeURIComponent(vhost)}`;
  }

  async destroy(): Promise<void> {
    const errors: string[] = [];
    for (const db of this.databases) {
      await admin((c) => c.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`)).catch((err) =>
        errors.push(`${db}: ${String(err)}`),
      );
    }
    for (const vhost of this.vhosts) {
      await rabbitmqctl('delete_vhost', vhost).catch((err) =>
        errors.push(`${vhost}: ${String(err)}`),
      );
    }
    this.databases.clear();
    this.vhosts.clear();
    if (errors.length) throw new Error(`cleanup incomplete: ${errors.join('; ')}`);
  }

  /** Drops bench_ databases and vhosts older than `maxAgeMs` that a killed run left behind. */
  static async removeStale(maxAgeMs = 3_600_000): Promise<string[]> {
    const stale = (name: string): boolean => {
      const stamp = /^bench_([0-9a-z]+)_[0-9a-f]{6}_/.exec(name)?.[1];
      return stamp !== undefined && Date.now() - parseInt(stamp, 36) > maxAgeMs;
    };
    const removed: string[] = [];
    const dbs = await admin(async (c) => {
      const { rows } = await c.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE 'bench\\_%'`,
      );
      return rows.map((r) => r.datname);
    });
    for (const db of dbs.filter(stale)) {
      assertBenchName(db);
      await admin((c) => c.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`));
      removed.push(db);
    }
    const vhosts = (await rabbitmqctl('list_vhosts', '--quiet', '--no-table-headers'))
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
    for (const vhost of vhosts.filter(stale)) {
      assertBenchName(vhost);
      await rabbitmqctl('delete_vhost', vhost);
      removed.push(vhost);
    }
    return removed;
  }
}
