import type { DynamicModule, INestApplication } from '@nestjs/common';
import type { DataSourceOptions } from 'typeorm';
import { EVENT_SURFACE_FLAG, printEventSurface } from './asyncapi/print-event-surface';
import { bootstrapService, type ServiceDescription } from './bootstrap-service';
import { ensureDatabase } from './database/ensure-database';
import { runMigrations } from './database/run-migrations';

export interface ServiceLaunch extends ServiceDescription {
  databaseUrl: string;
  dataSource: DataSourceOptions;
  module: DynamicModule;
}

/**
 * Creates the service's database if missing, migrates it, then serves HTTP. With
 * `--event-surface` on the command line it only prints what the service publishes and consumes
 * (JSON, for `npm run asyncapi`) and returns nothing, touching neither database nor broker.
 */
export async function startService(launch: ServiceLaunch): Promise<INestApplication | undefined> {
  if (process.argv.includes(EVENT_SURFACE_FLAG)) {
    await printEventSurface(launch.module, launch.name);
    return undefined;
  }
  await ensureDatabase(launch.databaseUrl);
  await runMigrations(launch.dataSource);
  return bootstrapService(launch.module, launch);
}

/** `main()` wrapper: an error at boot is printed and the process exits non-zero. */
export function runMain(main: () => Promise<unknown>): void {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
