import type { INestApplicationContext } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import type { ServiceEventSurface } from '@app/event-contracts';
import { inboxSubscriptions } from '@app/inbox';
import { OUTBOX_OPTIONS, type OutboxModuleOptions } from '@app/outbox';

/**
 * What the service publishes (its outbox's declared `publishes`, the only types `Outbox.add`
 * takes) and what it consumes (its `@InboxEvent` handlers), from the app's modules alone: it
 * needs no database and no broker, and works on an app in preview mode.
 */
export function serviceEventSurface(
  app: INestApplicationContext,
  service: string,
): ServiceEventSurface {
  return {
    service,
    publishes: outboxOptions(app)?.publishes ?? [],
    subscribes: inboxSubscriptions(app),
  };
}

/**
 * The outbox's options if the app has an outbox. Looked up in the modules rather than with
 * `app.get`, whose miss ends the process on an app created with `abortOnError` (the default).
 */
function outboxOptions(app: INestApplicationContext): OutboxModuleOptions | undefined {
  for (const module of app.get(ModulesContainer).values()) {
    const provider = module.providers.get(OUTBOX_OPTIONS);
    if (provider?.instance) return provider.instance as OutboxModuleOptions;
  }
  return undefined;
}
