import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createVhost, deleteUser, deleteVhost, listUsers, listVhosts } from './rabbitmq-admin';

const PG_BASE = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const AMQP_BASE = process.env.TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
/** Every database and vhost a test run makes starts with this, and nothing else is dropped. */
export const TEST_PREFIX = 'test_';

function adminClient(): Client {
  return new Client({ connectionString: PG_BASE });
}

/**
 * A private world for one test suite: a database per app and a RabbitMQ vhost, all named
 * `test_…`, created on the real servers and dropped by `destroy()`. A suite that needs only
 * PostgreSQL passes `{ broker: false }` and gets no vhost.
 */
export class TestEnvironment {
  private constructor(
    readonly id: string,
    readonly apps: string[],
    private readonly broker: boolean,
  ) {}

  static async create(
    apps: string[],
    options: { broker?: boolean } = {},
  ): Promise<TestEnvironment> {
    const id = `${TEST_PREFIX}${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
    const env = new TestEnvironment(id, apps, options.broker ?? true);
    const admin = adminClient();
    await admin.connect();
    try {
      for (const app of apps) await admin.query(`CREATE DATABASE "${env.databaseName(app)}"`);
    } finally {
      await admin.end();
    }
    if (env.broker) await createVhost(env.vhost);
    return env;
  }

  get vhost(): string {
    return this.id;
  }

  get amqpUrl(): string {
    return `${AMQP_BASE}/${encodeURIComponent(this.vhost)}`;
  }

  databaseName(app: string): string {
    return `${this.id}_${app}`;
  }

  databaseUrl(app: string): string {
    const url = new URL(PG_BASE);
    url.pathname = `/${this.databaseName(app)}`;
    return url.toString();
  }

  /** Environment variables that point an app process at this world. */
  appEnv(app: string, port: number): Record<string, string> {
    const upper = app.toUpperCase();
    return {
      [`${upper}_PORT`]: String(port),
      [`${upper}_DATABASE_URL`]: this.databaseUrl(app),
      AMQP_URL: this.amqpUrl,
      HOST: '127.0.0.1',
    };
  }

  async destroy(): Promise<void> {
    await dropDatabases((name) => name.startsWith(this.id));
    if (this.broker) await deleteVhost(this.vhost);
  }
}

async function dropDatabases(match: (name: string) => boolean): Promise<void> {
  const admin = adminClient();
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`${TEST_PREFIX}%`],
    );
    for (const { datname } of rows.filter((r) => match(r.datname))) {
      if (!datname.startsWith(TEST_PREFIX)) throw new Error(`refusing to drop ${datname}`);
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
}

function isStale(name: string, maxAgeMs: number): boolean {
  const stamp = /^test_([0-9a-z]+)_/.exec(name)?.[1];
  return stamp !== undefined && Date.now() - parseInt(stamp, 36) > maxAgeMs;
}

/**
 * Removes what crashed runs left behind: `test_` databases, vhosts and broker users older than
 * `maxAgeMs`.
 */
export async function removeStaleTestResources(maxAgeMs = 3_600_000): Promise<void> {
  await dropDatabases((name) => isStale(name, maxAgeMs));
  for (const vhost of await listVhosts()) {
    if (vhost.startsWith(TEST_PREFIX) && isStale(vhost, maxAgeMs)) await deleteVhost(vhost);
  }
  for (const user of await listUsers()) {
    if (user.startsWith(TEST_PREFIX) && isStale(user, maxAgeMs)) await deleteUser(user);
  }
}
