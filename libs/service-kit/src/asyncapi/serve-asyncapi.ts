import type { INestApplication } from '@nestjs/common';
import { buildAsyncApiDocument, type AsyncApiDocument } from '@app/event-contracts';
import { serviceEventSurface } from './service-event-surface';

/** Where every app serves its AsyncAPI document, beside its OpenAPI one. */
export const ASYNCAPI_PATH = '/docs/asyncapi.json';

/** The version every AsyncAPI document of this system states (as the OpenAPI ones do). */
export const ASYNCAPI_DOCUMENT_VERSION = '1.0.0';

/** The AsyncAPI 3.0 document of one service: what it publishes and what it consumes. */
export function serviceAsyncApiDocument(
  app: INestApplication,
  service: { name: string; description: string },
): AsyncApiDocument {
  return buildAsyncApiDocument(
    {
      title: `${service.name} service events`,
      version: ASYNCAPI_DOCUMENT_VERSION,
      description: service.description,
    },
    [serviceEventSurface(app, service.name)],
  );
}

/**
 * Serves the service's AsyncAPI document at `/docs/asyncapi.json`. It is built once, at boot,
 * from the modules (a handler without a contract class stops the boot, as a broken route would).
 */
export function serveAsyncApi(
  app: INestApplication,
  service: { name: string; description: string },
): void {
  const document = serviceAsyncApiDocument(app, service);
  const http = app.getHttpAdapter();
  http.get(ASYNCAPI_PATH, (_req: unknown, res: unknown) => {
    http.reply(res, document, 200);
  });
}
