import { fork, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readdirSync, readFileSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { nowMs, sleep } from './clock';

/** Root of the compiled tree (bench/dist), where the apps, the relay and the workers live. */
export const DIST = join(__dirname, '..', '..', '..');
const live = new Set<ChildProcess>();
let logDir = join(DIST, 'logs');

export function setLogDir(dir: string): void {
  logDir = dir;
  mkdirSync(dir, { recursive: true });
}

function logStream(label: string): WriteStream {
  mkdirSync(logDir, { recursive: true });
  return createWriteStream(join(logDir, `${label}.log`), { flags: 'a' });
}

function track(child: ChildProcess, label: string): void {
  live.add(child);
  const log = logStream(label);
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  child.once('exit', () => live.delete(child));
}

/** SIGKILLs every process this bench started and that is still running (cleanup on failure). */
export function killAll(): void {
  for (const child of live) child.kill('SIGKILL');
}

async function waitExit(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

interface Reply {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

/** A bench worker (bench/dist/bench/src/workers/*.js) driven over IPC: ready → call(...)* → stop. */
export class Worker {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void }
  >();

  private constructor(
    readonly label: string,
    private readonly child: ChildProcess,
  ) {
    child.on('message', (msg: Reply | { type: string; error?: string }) => {
      if ('id' in msg) {
        const waiter = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        if (!waiter) return;
        if (msg.ok) waiter.resolve(msg.result);
        else waiter.reject(new Error(`${label}: ${msg.error}`));
      }
    });
    child.once('exit', (code) => {
      for (const waiter of this.pending.values())
        waiter.reject(new Error(`${label} exited (${code})`));
      this.pending.clear();
    });
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  static async start(
    worker: string,
    env: Record<string, string>,
    label = worker,
    timeoutMs = 60_000,
  ): Promise<Worker> {
    const child = fork(join(DIST, 'bench', 'src', 'workers', `${worker}.js`), [], {
      env: { ...process.env, ...env, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      execArgv: [],
    });
    track(child, label);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${label} not ready in ${timeoutMs} ms`)),
        timeoutMs,
      );
      child.on('message', (msg: { type?: string; error?: string }) => {
        if (msg.type === 'ready') {
          clearTimeout(timer);
          resolve();
        } else if (msg.type === 'failed') {
          clearTimeout(timer);
          reject(new Error(`${label} failed to start: ${msg.error}`));
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${label} exited during start (${code}); see its log`));
      });
    });
    return new Worker(label, child);
  }

  call<T>(cmd: string, args: unknown = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ id, cmd, args });
    });
  }

  async stop(timeoutMs = 20_000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.send({ id: 0, cmd: 'stop', args: {} });
    await waitExit(this.child, timeoutMs);
  }
}

/**
 * The bench drives admin routes (decommissions at 500/s, reconciles, `/admin/health` polls) from
 * one address: the apps it starts have no rate limits. They log JSON, as in production, not
 * the readable lines development gets by default.
 */
const UNLIMITED = { ADMIN_RATE_LIMIT: '0', CUSTOMER_WRITE_RATE_LIMIT: '0', LOG_FORMAT: 'json' };

/** A plain process started from the compiled tree: an app or the shipped standalone relay. */
export class Service {
  private constructor(
    readonly label: string,
    private readonly child: ChildProcess,
  ) {}

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  static async start(
    entry: string,
    env: Record<string, string>,
    label: string,
    health?: { url: string; timeoutMs?: number },
  ): Promise<Service> {
    // BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") goes to every app and relay.
    const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, join(DIST, entry)], {
      env: { ...process.env, ...UNLIMITED, ...env, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    track(child, label);
    const service = new Service(label, child);
    if (health) {
      const deadline = nowMs() + (health.timeoutMs ?? 60_000);
      for (;;) {
        if (!service.running) throw new Error(`${label} exited during start; see its log`);
        const res = await fetch(health.url).catch(() => undefined);
        if (res?.status === 200) break;
        if (nowMs() > deadline) throw new Error(`${label} not healthy in time`);
        await sleep(100);
      }
    }
    return service;
  }

  /** SIGTERM, then SIGKILL after the timeout. */
  async stop(timeoutMs = 20_000): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    await waitExit(this.child, timeoutMs);
  }
}

/** Resident set size of a process in MiB (from /proc), or NaN once it is gone. */
export function rssMiB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Samples the RSS of some processes at a fixed interval. */
export class RssSampler {
  readonly samples: { t: number; mib: number }[] = [];
  private timer?: NodeJS.Timeout;
  private readonly t0 = nowMs();

  constructor(
    private readonly pids: number[],
    intervalMs = 250,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  private sample(): void {
    const mib = this.pids.reduce((sum, pid) => sum + rssMiB(pid), 0);
    if (!Number.isNaN(mib)) this.samples.push({ t: Math.round(nowMs() - this.t0), mib });
  }

  stop(): { t: number; mib: number }[] {
    clearInterval(this.timer);
    this.sample();
    return this.samples;
  }
}

function cpuTicks(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

function pidsOf(name: string): number[] {
  try {
    return readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .map(Number)
      .filter((pid) => {
        try {
          return readFileSync(`/proc/${pid}/comm`, 'utf8').trim().startsWith(name);
        } catch {
          return false;
        }
      });
  } catch {
    return [];
  }
}

/**
 * CPU used per group of processes between `start` and `stop`, in % of one core. The servers'
 * groups (`postgres`, `beam.smp`) are whole servers, re-listed at `stop` so that backends
 * forked meanwhile count: anything else using those servers counts too, and a process that
 * exited meanwhile is missed.
 */
export class CpuMeter {
  private readonly before: Record<string, Map<number, number>>;
  private readonly t0 = nowMs();

  constructor(private readonly own: Record<string, number[]>) {
    this.before = this.read();
  }

  private groups(): Record<string, number[]> {
    return { ...this.own, postgres: pidsOf('postgres'), rabbitmq: pidsOf('beam.smp') };
  }

  private read(): Record<string, Map<number, number>> {
    return Object.fromEntries(
      Object.entries(this.groups()).map(([k, pids]) => [
        k,
        new Map(pids.map((p) => [p, cpuTicks(p)])),
      ]),
    );
  }

  /** % of one core per group (100 = one core busy); the machine has `nproc` cores. */
  stop(): Record<string, number> {
    const seconds = (nowMs() - this.t0) / 1000;
    const after = this.read();
    return Object.fromEntries(
      Object.entries(after).map(([k, ticks]) => {
        let used = 0;
        for (const [pid, t] of ticks) used += Math.max(0, t - (this.before[k]?.get(pid) ?? 0));
        return [k, Math.round(used / seconds)];
      }),
    );
  }
}
