import { Client, type ClientConfig } from 'pg';

/** A server that accepts the connection but never answers is given up on after this long. */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * A dedicated session that LISTENs on the outbox channel and calls `onNotify` for every
 * notification, reconnecting after a second whenever the session dies. Right after (re)connecting
 * it calls `onNotify` once, for anything committed while nobody was listening.
 */
export class NotifyListener {
  private connected = false;
  private running = false;
  private done?: Promise<void>;
  private stopped!: Promise<void>;
  private markStopped!: () => void;

  constructor(
    private readonly database: ClientConfig,
    private readonly channel: string,
    private readonly onNotify: () => void,
    private readonly onError: (err: unknown) => void,
  ) {}

  get listening(): boolean {
    return this.connected;
  }

  start(): void {
    this.running = true;
    this.stopped = new Promise((resolve) => (this.markStopped = resolve));
    this.done = this.run();
  }

  /**
   * Ends the session, also one still connecting: every wait in `run` is raced against the
   * stop, so a stop between `connect()` and `LISTEN` never leaves a session nobody would end.
   */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.markStopped();
    await this.done;
  }

  private async run(): Promise<void> {
    while (this.running) {
      const client = new Client({
        ...this.database,
        application_name: `outbox-relay-listener:${this.channel}`,
        connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
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
        const ready = client.connect().then(() => client.query(`LISTEN "${this.channel}"`));
        // Once the race below is lost, `ready` may still fail (or, ended mid-connect, never settle).
        ready.catch(() => undefined);
        const outcome = await Promise.race([
          ready.then(() => 'ready' as const),
          ended.then(() => 'ended' as const),
          this.stopped.then(() => 'stopped' as const),
        ]);
        if (outcome === 'ready' && this.running) {
          this.connected = true;
          this.onNotify();
          await Promise.race([ended, this.stopped]);
        }
      } catch (err) {
        if (this.running) this.onError(err);
      } finally {
        this.connected = false;
        await client.end().catch(() => undefined);
      }
      if (this.running) await Promise.race([sleep(1_000), this.stopped]);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
