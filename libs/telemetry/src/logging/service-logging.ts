import {
  Logger as NestLogger,
  RequestMethod,
  type DynamicModule,
  type LoggerService,
} from '@nestjs/common';
import type { Logger as Pino } from 'pino';
import { Logger, LoggerModule, PinoLogger, type Params } from 'nestjs-pino';
import type { Options as HttpLoggingOptions } from 'pino-http';
import { isProbeRequest } from '../probe-requests';
import { loggingSettings } from './logging.config';
import { serializeError, serializeRequest, serializeResponse } from './log-serializers';
import { requestIdOf } from './request-id';
import { createRootLogger } from './root-logger';

interface ServiceLogging {
  root: Pino;
  params: Params;
  logger: LoggerService;
}

let current: ServiceLogging | undefined;

/**
 * Sets up this process's logger once (`LOG_LEVEL`, `LOG_FORMAT`) and routes every Nest `Logger`
 * through it, those the libs create included; later calls return the same logger. Call it
 * before anything logs: a service at start, a standalone relay before it connects.
 */
export async function useServiceLogs(service: string): Promise<LoggerService> {
  if (!current) {
    const root = await createRootLogger(service, loggingSettings());
    const params: Params = {
      pinoHttp: httpLogging(root),
      forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    };
    const logger = new Logger(new PinoLogger(params), params);
    NestLogger.overrideLogger(logger);
    current = { root, params, logger };
  }
  return current.logger;
}

/**
 * nestjs-pino's module for a service's HTTP side: each request gets its id and a logger bound
 * to it, so every line written while serving it (by any Nest `Logger`) carries `requestId`,
 * and one line when it completes. Requires `useServiceLogs` first.
 */
export function requestLoggingModule(): DynamicModule {
  if (!current) throw new Error('useServiceLogs() must run before requestLoggingModule()');
  return LoggerModule.forRoot(current.params);
}

/** The process's pino logger, once `useServiceLogs` ran (a fatal error at boot goes there). */
export function serviceLogger(): Pino | undefined {
  return current?.root;
}

function httpLogging(root: Pino): HttpLoggingOptions {
  return {
    logger: root,
    genReqId: requestIdOf,
    customAttributeKeys: { reqId: 'requestId' },
    // Lines written while serving a request carry its id, not the whole request.
    quietReqLogger: true,
    serializers: { req: serializeRequest, res: serializeResponse, err: serializeError },
    customLogLevel: (_req, res, err) => {
      if (err || res.statusCode >= 500) return 'error';
      return res.statusCode >= 400 ? 'warn' : 'info';
    },
    autoLogging: { ignore: (req) => isProbeRequest(req.url) },
  };
}
