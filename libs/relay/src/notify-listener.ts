import { Client, type ClientConfig } from 'pg';

/**
 * A dedicated session that LISTENs on the outbox channel and calls `onNotify` for every
 * notification, reconnecting after a second whenever the session dies. Right after (re)connecting
 * it calls `onNotify` once, for anything committed while nobody was listening.
 */
export class NotifyListener {
  private client?: Client;
  private running = false;
  private done?: Promise<void>;

  constructor(
    private readonly database: ClientConfig,
    private readonly channel: string,
    private readonly onNotify: () => void,
    private readonly onError: (err: unknown) => void,
  ) {}

  get listening(): boolean {
    return this.client !== undefined;
  }

  start(): void {
    this.running = true;
    this.done = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.client?.end().catch(() => undefined);
    await this.done;
  }

  private async run(): Promise<void> {
    while (this.running) {
      const client = new Client({
        ...this.database,
        application_name: `outbox-relay-listener:${this.channel}`,
      });
      // Listeners go on before connecting: an error can arrive in the same read as the
      // connection's readiness, and an 'error' with no listener would kill the process.
      const ended = new Promise<void>((resolve) => {
        client.once('end', resolve);
        client.on('error', (err) => {
          this.onError(err);
          resolve();
        });
      });
      client.on('notification', this.onNotify);
      try {
        await client.connect();
        await client.query(`LISTEN "${this.channel}"`);
        this.client = client;
        this.onNotify();
        await ended;
      } catch (err) {
        if (this.running) this.onError(err);
      } finally {
        this.client = undefined;
        await client.end().catch(() => undefined);
      }
      if (this.running) await new Promise((r) => setTimeout(r, 1_000));
    }
  }
}
