import { Client, type QueryResultRow } from 'pg';

/** Direct SQL against an app's database, for assertions and for injecting database faults. */
export class DatabaseProbe {
  private constructor(private readonly client: Client) {}

  static async connect(url: string): Promise<DatabaseProbe> {
    const client = new Client({ connectionString: url, application_name: 'test-probe' });
    client.on('error', () => undefined);
    await client.connect();
    return new DatabaseProbe(client);
  }

  async query<T extends QueryResultRow = Record<string, unknown>>(
    sql: string,
    params: unknown[] = [],
  ): Promise<T[]> {
    return (await this.client.query<T>(sql, params)).rows;
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}
