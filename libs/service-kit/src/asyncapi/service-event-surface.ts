import type { INestApplicationContext } from '@nestjs/common';
import type { ServiceEventSurface } from '@app/event-contracts';
import { findProvider, inboxSubscriptions } from '@app/inbox';
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
    publishes: findProvider<OutboxModuleOptions>(app, OUTBOX_OPTIONS)?.publishes ?? [],
    subscribes: inboxSubscriptions(app),
  };
}
