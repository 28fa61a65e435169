import {
  Logger,
  Module,
  type DynamicModule,
  type INestApplication,
  type Type,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Server } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet, { type HelmetOptions } from 'helmet';
import { connectInboxTransport } from '@app/inbox';
import {
  requestLoggingModule,
  startTracing,
  stopTracing,
  traceHttpRequests,
  useServiceLogs,
} from '@app/telemetry';
import { ASYNCAPI_PATH, serveAsyncApi } from './asyncapi/serve-asyncapi';
import { DomainExceptionFilter } from './errors/domain-exception.filter';
import { strictValidationPipe } from './errors/validation.pipe';
import { measureRequests } from './metrics/metrics-registry';

export interface ServiceDescription {
  name: string;
  description: string;
  port: number;
  host?: string;
  /** Longest time a client may take to send a whole request (default: Node's 300 s). */
  requestTimeoutMs?: number;
  /** Serves the OpenAPI and AsyncAPI documents under `/docs` (default true). */
  documents?: boolean;
  /** Helmet's options (default: its defaults, a same-origin content security policy). */
  helmet?: HelmetOptions;
  /** A folder served as static files at `/`, `index.html` for `/` (the console's page). */
  staticRoot?: string;
  /** Largest JSON body taken (default: Nest's 100 kB); a larger one answers 413. */
  jsonBodyLimitBytes?: number;
}

/**
 * Admin answers carry customer ids, dead-letter bodies and audit data: no cache keeps them.
 * A route may still set its own `Cache-Control` (they all say `no-store` or stricter).
 */
function noStoreUnderAdmin(req: Request, res: Response, next: NextFunction): void {
  if (req.path === '/admin' || req.path.startsWith('/admin/'))
    res.setHeader('Cache-Control', 'no-store');
  next();
}

/**
 * Applies the HTTP conventions every service shares (validation, errors, caching), and serves
 * the service's OpenAPI document (and UI) and its AsyncAPI document under `/docs` unless told
 * not to, and its static files when it has any.
 */
export function configureHttp(app: INestApplication, service: ServiceDescription): void {
  const express = app as NestExpressApplication;
  // ETags come from ids and versions (http-caching), never from hashing bodies.
  if (service.requestTimeoutMs !== undefined) {
    limitRequestTime(app.getHttpServer() as Server, service.requestTimeoutMs);
  }
  express.set('etag', false);
  express.disable('x-powered-by');
  // First: everything a request does, its log lines included, runs inside its trace.
  express.use(traceHttpRequests);
  // Helmet's defaults: a same-origin content security policy (the Swagger UI at /docs loads its
  // scripts from /docs itself), nosniff, frame denial, HSTS, no referrer, and the rest.
  express.use(helmet(service.helmet));
  express.use(noStoreUnderAdmin);
  express.use(measureRequests);
  // Registered before Nest's own parsers, which then leave JSON to this one.
  if (service.jsonBodyLimitBytes !== undefined) {
    express.useBodyParser('json', { limit: service.jsonBodyLimitBytes });
  }
  if (service.staticRoot !== undefined) express.useStaticAssets(service.staticRoot);
  app.useGlobalPipes(strictValidationPipe());
  app.useGlobalFilters(new DomainExceptionFilter());
  if (service.documents ?? true) serveDocuments(app, service);
}

/** The OpenAPI document and its UI at `/docs`, and the AsyncAPI document beside them. */
function serveDocuments(app: INestApplication, service: ServiceDescription): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(`${service.name} service`)
      .setDescription(service.description)
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  serveAsyncApi(app, service);
}

/**
 * A client that sends its request slowly (or never finishes it) holds a socket and its parser:
 * after `ms` the server answers 408 and closes the connection. Node checks the deadlines
 * periodically (every 30 s by default, set before `listen`); here at least every second.
 */
function limitRequestTime(server: Server, ms: number): void {
  server.requestTimeout = ms;
  server.headersTimeout = Math.min(ms, server.headersTimeout);
  // Read by Node when the server starts listening; missing from @types/node.
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval =
    Math.min(1_000, ms);
}

/**
 * SIGTERM/SIGINT: stop taking work (relays and consumers finish what they hold), close the
 * database and the broker, exit 0; a close that hangs is cut off after `graceMs`.
 */
function closeOnSignals(app: INestApplication, name: string, graceMs = 25_000): void {
  const logger = new Logger(name);
  const close = (signal: string): void => {
    logger.log(`${signal}: shutting down`);
    setTimeout(() => {
      logger.error(`still closing after ${graceMs} ms; exiting`);
      process.exit(1);
    }, graceMs).unref();
    app.close().then(
      // The spans still buffered go out before the process does.
      () => void stopTracing().then(() => process.exit(0)),
      (err: unknown) => {
        logger.error(`shutdown failed: ${String(err)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => close('SIGTERM'));
  process.once('SIGINT', () => close('SIGINT'));
}

/** The service's module under nestjs-pino's, which gives each request its id and logger. */
@Module({})
class ServiceRootModule {}

/**
 * Creates, configures and starts a service; SIGTERM closes it gracefully. Its log lines are
 * JSON (`LOG_FORMAT`, `LOG_LEVEL`), its requests and messages traced (`OTEL_*`). A service that
 * consumes events (`InboxTransportModule`) is a hybrid app: once every module is initialised,
 * its consumers start, then HTTP listens.
 */
export async function bootstrapService(
  module: Type<unknown> | DynamicModule,
  service: ServiceDescription,
): Promise<INestApplication> {
  const logger = await useServiceLogs(service.name);
  startTracing(service.name);
  const app = await NestFactory.create<NestExpressApplication>(
    { module: ServiceRootModule, imports: [requestLoggingModule(), module] },
    { logger },
  );
  configureHttp(app, service);
  closeOnSignals(app, service.name);
  await app.init();
  if (connectInboxTransport(app)) await app.startAllMicroservices();
  await app.listen(service.port, service.host ?? '0.0.0.0');
  const address = await app.getUrl();
  const documents = `(OpenAPI at ${address}/docs, AsyncAPI at ${address}${ASYNCAPI_PATH})`;
  new Logger(service.name).log(
    `${service.name} listening on ${address}${service.documents === false ? '' : ` ${documents}`}`,
  );
  return app;
}
