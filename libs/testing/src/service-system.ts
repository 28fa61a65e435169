import { AmqpProbe } from './amqp-probe';
import { AppProcess, freePort } from './app-process';
import { DatabaseProbe } from './database-probe';
import { TestEnvironment } from './test-environment';
import { waitFor } from './wait-for';

export interface SystemOptions {
  /**
   * Extra environment per app, e.g. `{ product: { PRODUCT_RELAY_ENABLED: 'false' } }`; a value
   * may name an app started before it as `{url:product}`.
   */
  env?: Record<string, Record<string, string>>;
}

/**
 * The services under test as real processes in a private environment, with an AMQP probe
 * and database probes for each app. `stop()` tears everything down.
 */
export class ServiceSystem {
  private readonly apps = new Map<string, AppProcess>();
  private readonly databases = new Map<string, DatabaseProbe>();
  private readonly extras: AppProcess[] = [];
  private readonly ports = new Map<string, number>();

  private constructor(
    readonly environment: TestEnvironment,
    readonly amqp: AmqpProbe,
    private readonly options: SystemOptions,
  ) {}

  static async start(names: string[], options: SystemOptions = {}): Promise<ServiceSystem> {
    const environment = await TestEnvironment.create(names);
    const amqp = await AmqpProbe.connect(environment.amqpUrl);
    const system = new ServiceSystem(environment, amqp, options);
    try {
      for (const name of names) await system.startApp(name);
    } catch (err) {
      await system.stop();
      throw err;
    }
    return system;
  }

  app(name: string): AppProcess {
    const app = this.apps.get(name);
    if (!app) throw new Error(`${name} is not part of this system`);
    return app;
  }

  url(name: string): string {
    return this.app(name).url;
  }

  /**
   * Starts (or restarts, under the same name) an app process; `env` adds to the suite's. Waits
   * until it is wired to the broker, unless it runs failpoints or `wired` is false.
   */
  async startApp(
    name: string,
    env: Record<string, string> = {},
    options: { wired?: boolean } = {},
  ): Promise<AppProcess> {
    // A restart keeps the port, so other apps pointed at this one keep reaching it.
    const port = this.ports.get(name) ?? (await freePort());
    this.ports.set(name, port);
    const app = new AppProcess({
      entry: `apps/${name}/src/main.js`,
      env: this.resolve({
        ...this.environment.appEnv(name, port),
        ...this.ownerUrls(name),
        ...this.options.env?.[name],
        ...env,
      }),
      port,
      label: name,
    });
    this.apps.set(name, app);
    await app.start();
    if (!env.FAILPOINTS && options.wired !== false) await this.waitUntilWired(name);
    return app;
  }

  /**
   * Starts the operations console (`apps/console`) in front of every app started so far, plus
   * `services` (name → base URL, e.g. one where nothing listens); it is `app('console')` then.
   */
  async startConsole(
    services: Record<string, string> = {},
    env: Record<string, string> = {},
  ): Promise<AppProcess> {
    const fronted = [...this.apps.keys()].filter((name) => name !== 'console');
    const urls = {
      ...Object.fromEntries(fronted.map((name) => [name, this.url(name)])),
      ...services,
    };
    const port = this.ports.get('console') ?? (await freePort());
    this.ports.set('console', port);
    const app = new AppProcess({
      entry: 'apps/console/src/main.js',
      env: {
        CONSOLE_PORT: String(port),
        HOST: '127.0.0.1',
        CONSOLE_SERVICES: Object.entries(urls)
          .map(([name, url]) => `${name}=${url}`)
          .join(','),
        ...env,
      },
      port,
      label: 'console',
    });
    this.apps.set('console', app);
    await app.start();
    return app;
  }

  /**
   * Where a mirroring app finds the product service: this system's, or a closed port when the
   * system has none (never a product service some developer runs on the default port).
   */
  private ownerUrls(name: string): Record<string, string> {
    if (name === 'product') return {};
    const port = this.ports.get('product');
    return { PRODUCT_SERVICE_URL: port ? `http://127.0.0.1:${port}` : 'http://127.0.0.1:9' };
  }

  /** Replaces `{url:<app>}` in env values with that (already started) app's base URL. */
  private resolve(env: Record<string, string>): Record<string, string> {
    return Object.fromEntries(
      Object.entries(env).map(([key, value]) => [
        key,
        value.replace(/\{url:([a-z-]+)\}/g, (_, app: string) => this.url(app)),
      ]),
    );
  }

  /** Waits until an app is ready: its database answers, its broker connection is up and each of its consumers is consuming. */
  async waitUntilWired(name: string): Promise<void> {
    await waitFor(async () => (await fetch(`${this.url(name)}/health/ready`)).status === 200, {
      what: `${name} to be wired to the broker`,
      timeoutMs: 30_000,
    });
  }

  /**
   * Starts a standalone relay process on an app's outbox, serving `/metrics` and `/health/*` on
   * a port of its own (`relay.url`); one armed with failpoints serves nothing, since it may die
   * before its port answers.
   */
  async startRelay(name: string, env: Record<string, string> = {}): Promise<AppProcess> {
    const port = env.FAILPOINTS ? undefined : await freePort();
    const relay = new AppProcess({
      entry: `apps/${name}/src/relay.js`,
      env: this.resolve({
        ...this.environment.appEnv(name, 0),
        ...this.options.env?.[name],
        RELAY_HTTP_PORT: String(port ?? 0),
        ...env,
      }),
      port,
      label: `${name} relay`,
    });
    this.extras.push(relay);
    await relay.start();
    return relay;
  }

  async db(name: string): Promise<DatabaseProbe> {
    let probe = this.databases.get(name);
    if (!probe) {
      probe = await DatabaseProbe.connect(this.environment.databaseUrl(name));
      this.databases.set(name, probe);
    }
    return probe;
  }

  /** Everything the processes printed, for a failing test's message. */
  logs(): string {
    return [...this.apps.entries()].map(([name, app]) => `--- ${name}\n${app.logs()}`).join('\n');
  }

  async stop(): Promise<void> {
    // A process that died on its own (not killed by the test) leaves its last words here.
    for (const [name, app] of [
      ...this.apps.entries(),
      ...this.extras.map((e) => ['relay', e] as const),
    ]) {
      if (app.crashed) console.error(`${name} exited on its own:\n${app.logs().slice(-4000)}`);
    }
    await Promise.allSettled([...this.extras, ...this.apps.values()].map((p) => p.stop()));
    await Promise.allSettled([...this.databases.values()].map((d) => d.close()));
    await this.amqp.close();
    await this.environment.destroy();
  }
}
