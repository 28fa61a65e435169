import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { WaitAbortedError, waitFor } from './wait-for';

const ROOT = join(__dirname, '..', '..', '..');

/** A free TCP port on the loopback interface. */
/**
 * Ports apps listen on are taken below Linux's ephemeral range (32768–60999 by default), where
 * the kernel picks the source ports of outgoing connections: an app restarted on its port must
 * find it free, and an outgoing connection that took it in the meantime would refuse the bind.
 */
const APP_PORTS = { from: 20_000, to: 32_000 };

/** A port free now on 127.0.0.1, outside the ephemeral range. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = APP_PORTS.from + Math.floor(Math.random() * (APP_PORTS.to - APP_PORTS.from));
    if (await canListen(port)) return port;
  }
  throw new Error(`no free port between ${APP_PORTS.from} and ${APP_PORTS.to}`);
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export interface AppProcessOptions {
  /** Compiled entry under dist/, e.g. `apps/product/src/main.js`. */
  entry: string;
  env: Record<string, string>;
  /** When set, `start` waits until `GET /health/live` answers 200 on this port. */
  port?: number;
  label?: string;
}

/**
 * A real service process (the compiled app, as `npm start` runs it) that a test can stop
 * gracefully, kill with SIGKILL, and restart.
 */
export class AppProcess {
  private child?: ChildProcess;
  private exited?: Promise<number | null>;
  private stopRequested = false;
  readonly output: string[] = [];

  constructor(private readonly options: AppProcessOptions) {}

  get url(): string {
    if (this.options.port === undefined) throw new Error('this process serves no HTTP');
    return `http://127.0.0.1:${this.options.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Exited without `stop()`, `kill()` or an armed failpoint asking it to. */
  get crashed(): boolean {
    const expected = this.stopRequested || Boolean(this.options.env.FAILPOINTS);
    return this.child !== undefined && !this.running && !expected;
  }

  get running(): boolean {
    return (
      this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null
    );
  }

  async start(timeoutMs = 30_000): Promise<this> {
    this.stopRequested = false;
    const child = spawn(process.execPath, [join(ROOT, 'dist', this.options.entry)], {
      cwd: ROOT,
      env: { ...process.env, ...this.options.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keep = (chunk: Buffer): void => {
      this.output.push(chunk.toString());
      if (this.output.length > 2000) this.output.splice(0, 1000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    if (this.options.port !== undefined) {
      await waitFor(
        async () => {
          if (!this.running) throw new WaitAbortedError(`exited early:\n${this.logs()}`);
          const res = await fetch(`${this.url}/health/live`).catch(() => undefined);
          return res?.status === 200;
        },
        {
          timeoutMs,
          intervalMs: 100,
          what: `${this.options.label ?? this.options.entry} to be alive`,
        },
      );
    }
    return this;
  }

  /** SIGTERM and wait: the graceful path. Resolves with the exit code (null if it was killed). */
  async stop(timeoutMs = 20_000): Promise<number | null | undefined> {
    if (!this.running) return this.child?.exitCode;
    this.stopRequested = true;
    this.child?.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), timeoutMs);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }

  /** Waits until the process ends on its own (an armed failpoint, say); its exit code. */
  async waitForExit(): Promise<number | null | undefined> {
    return this.exited;
  }

  /** SIGKILL: no cleanup, no goodbye, like a crash or an OOM kill. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.stopRequested = true;
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  logs(): string {
    return this.output.join('');
  }
}
