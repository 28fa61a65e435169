import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of PostgreSQL that plays a server too slow to answer some sessions: a
 * session whose startup message names an `application_name` that `hold` picks gets no answer
 * (its `connect()` stays pending) until the proxy closes; every other session passes through.
 */
export class HoldingProxy {
  private readonly sockets = new Set<Socket>();
  private heldSessions = 0;

  private constructor(
    private readonly server: Server,
    private readonly target: URL,
  ) {}

  static async start(databaseUrl: string, hold: (applicationName: string) => boolean) {
    const target = new URL(databaseUrl);
    const proxy: HoldingProxy = new HoldingProxy(
      createServer((socket) => proxy.accept(socket, hold)),
      target,
    );
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  /** `databaseUrl` with the proxy's address. */
  get databaseUrl(): string {
    const url = new URL(this.target);
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('proxy not listening');
    url.host = `127.0.0.1:${address.port}`;
    return url.toString();
  }

  /** Sessions being held now. */
  get held(): number {
    return this.heldSessions;
  }

  /** Client connections open through the proxy, held or not. */
  get open(): number {
    return this.sockets.size;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: Socket, hold: (applicationName: string) => boolean): void {
    this.sockets.add(socket);
    socket.on('error', () => undefined);
    let startup = Buffer.alloc(0);
    let held = false;
    socket.on('close', () => {
      this.sockets.delete(socket);
      if (held) this.heldSessions--;
    });
    const onData = (chunk: Buffer): void => {
      startup = Buffer.concat([startup, chunk]);
      if (startup.length < 4 || startup.length < startup.readInt32BE(0)) return;
      socket.off('data', onData);
      if (hold(applicationName(startup))) {
        held = true;
        this.heldSessions++;
        // Read and drop whatever else it sends, so that its end is seen and answered.
        socket.on('data', () => undefined);
        return;
      }
      socket.pause();
      const upstream = connect(Number(this.target.port || 5432), this.target.hostname);
      upstream.on('error', () => socket.destroy());
      socket.on('close', () => upstream.destroy());
      upstream.on('close', () => socket.destroy());
      upstream.write(startup);
      socket.pipe(upstream).pipe(socket);
    };
    socket.on('data', onData);
  }
}

/** The `application_name` of a PostgreSQL startup message ('' when it names none). */
function applicationName(startup: Buffer): string {
  const fields = startup.subarray(8, startup.readInt32BE(0)).toString('utf8').split('\0');
  for (let i = 0; i + 1 < fields.length; i += 2) {
    if (fields[i] === 'application_name') return fields[i + 1];
  }
  return '';
}
