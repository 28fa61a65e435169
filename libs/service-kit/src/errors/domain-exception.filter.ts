import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { InvalidTransitionError, StaleVersionError, StateConflictError } from '@app/lifecycle';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** Every error leaves as JSON `{ statusCode, error, message }`; domain errors get their status. */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const { status, body } = this.describe(exception);
    if (status >= 500) this.logger.error(exception instanceof Error ? exception.stack : exception);
    res.status(status).json(body);
  }

  private describe(exception: unknown): { status: number; body: Record<string, unknown> } {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const body =
        typeof response === 'object'
          ? { statusCode: status, error: REASONS[status] ?? 'Error', ...response }
          : { statusCode: status, error: REASONS[status] ?? 'Error', message: response };
      return { status, body };
    }
    const client = clientError(exception);
    if (client) return this.plain(client.status, client.message);
    if (exception instanceof InvalidTransitionError || exception instanceof StateConflictError) {
      return this.plain(HttpStatus.CONFLICT, exception.message);
    }
    if (exception instanceof StaleVersionError) {
      return this.plain(HttpStatus.PRECONDITION_FAILED, exception.message);
    }
    if (exception instanceof QueryFailedError) {
      const code = (exception.driverError as { code?: string } | undefined)?.code;
      if (code === '23505')
        return this.plain(HttpStatus.CONFLICT, 'a unique value is already taken');
      if (code === '40001' || code === '40P01') {
        return this.plain(HttpStatus.CONFLICT, 'concurrent change, retry the request');
      }
    }
    return this.plain(HttpStatus.INTERNAL_SERVER_ERROR, 'internal error');
  }

  private plain(
    status: number,
    message: string,
  ): { status: number; body: Record<string, unknown> } {
    return { status, body: { statusCode: status, error: REASONS[status] ?? 'Error', message } };
  }
}

/**
 * A client error raised before any route ran, in the `http-errors` shape the body parser
 * throws (`status` 4xx, `expose: true`): a body that is too large, not JSON, or in a charset it
 * does not read. Its own status and message, not a 500.
 */
function clientError(exception: unknown): { status: number; message: string } | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const { status, expose, message } = exception as {
    status?: unknown;
    expose?: unknown;
    message?: unknown;
  };
  if (typeof status !== 'number' || status < 400 || status >= 500 || expose !== true) {
    return undefined;
  }
  return { status, message: typeof message === 'string' ? message : 'bad request' };
}
