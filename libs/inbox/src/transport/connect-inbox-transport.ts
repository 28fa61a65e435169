import type { INestApplication, INestMicroservice } from '@nestjs/common';
import { EventDataValidationPipe } from './event-data-validation.pipe';
import { findProvider } from './find-provider';
import { InboxErrorFilter } from './inbox-error.filter';
import { InboxTransport } from './inbox-transport';

/**
 * Connects the app's `InboxTransport` (if it has one, through `InboxTransportModule`) as a
 * hybrid microservice with its own globals: `EventDataValidationPipe` on every payload and
 * `InboxErrorFilter` behind every other filter. Call before `app.startAllMicroservices()`.
 * Listeners are registered at start (`deferInitialization`) so that these globals apply; the
 * app's lifecycle hooks have run already and must not run twice. Returns the microservice (for
 * more globals: `useGlobalInterceptors`, ...), or `undefined` for an app that consumes nothing.
 */
export function connectInboxTransport(app: INestApplication): INestMicroservice | undefined {
  const strategy = findProvider<InboxTransport>(app, InboxTransport);
  if (!strategy) return undefined;
  const microservice = app.connectMicroservice({ strategy }, { deferInitialization: true });
  microservice.useGlobalPipes(new EventDataValidationPipe());
  microservice.useGlobalFilters(new InboxErrorFilter());
  (microservice as unknown as { setIsInitHookCalled(called: boolean): void }).setIsInitHookCalled(
    true,
  );
  return microservice;
}
