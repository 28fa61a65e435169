import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { serviceEventSurface } from './service-event-surface';

/** `node main.js --event-surface`: print what the service publishes and consumes, then exit. */
export const EVENT_SURFACE_FLAG = '--event-surface';

/**
 * Writes the service's event surface to stdout as one JSON line, each contract by its class
 * name (`npm run asyncapi` merges every app's into `docs/asyncapi.yaml`). The app is built in
 * Nest's preview mode: its modules and metadata, no provider instantiated, so neither the
 * database nor the broker is touched.
 */
export async function printEventSurface(module: DynamicModule, service: string): Promise<void> {
  const app = await NestFactory.createApplicationContext(module, {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  try {
    const surface = serviceEventSurface(app, service);
    const byName = (_key: string, value: unknown) =>
      typeof value === 'function' ? (value as { name: string }).name : value;
    process.stdout.write(`${JSON.stringify(surface, byName)}\n`);
  } finally {
    await app.close();
  }
}
