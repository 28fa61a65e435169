import type { DynamicModule, INestApplication } from '@nestjs/common';
import type { DataSourceOptions } from 'typeorm';
import { serviceLogger, startTracing, useServiceLogs } from '@app/telemetry';
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
 * Sets up its logs and traces (so even the migrations log JSON, and a bad `LOG_*` or `OTEL_*`
 * variable fails the start), creates the service's database if missing, migrates it, then
 * serves HTTP. With
 * `--event-surface` on the command line it only prints what the service publishes and consumes
 * (JSON, for `npm run asyncapi`) and returns nothing, touching neither database nor broker.
 */
export async function startService(launch: ServiceLaunch): Promise<INestApplication | undefined> {
  if (process.argv.includes(EVENT_SURFACE_FLAG)) {
    await printEventSurface(launch.module, launch.name);
    return undefined;
  }
  await useServiceLogs(launch.name);
  startTracing(launch.name);
  await ensureDatabase(launch.databaseUrl);
  await runMigrations(launch.dataSource);
  return bootstrapService(launch.module, launch);
}

/**
 * `main()` wrapper: an error at boot is logged (on stderr before the logger exists, as with a
 * bad configuration) and the process exits non-zero.
 */
export function runMain(main: () => Promise<unknown>): void {
  main().catch((err: unknown) => {
    const logger = serviceLogger();
    if (logger) logger.fatal({ err }, 'failed to start');
    else console.error(err);
    process.exit(1);
  });
}
