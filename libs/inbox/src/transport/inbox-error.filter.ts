import { Catch, type ExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';

/**
 * The inbox transport's global exception filter: hands every error back unchanged. Nest's
 * default RPC filter would turn it into `{status: 'error', message: 'Internal server error'}`,
 * and the consumer could then no longer tell poison (`PermanentMessageError`, dead-lettered at
 * once) from a failure worth retrying, nor an outage from a bad message. Filters bound to a
 * controller or handler still run first and may rethrow, translate or swallow the error.
 */
@Catch()
export class InboxErrorFilter implements ExceptionFilter {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}
