import {
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { from, map, mergeMap, of, type Observable } from 'rxjs';
import { cacheControlHeader, type CachePolicy } from './cache-policy';
import type { CacheableRoute } from './cacheable.decorator';
import { entityTag, ifNoneMatchHits } from './entity-tag';
import { HTTP_CACHING_OPTIONS, type HttpCachingModuleOptions } from './http-caching.options';

const FALLBACK: CachePolicy = { maxAgeSeconds: 0, visibility: 'private' };

/** Sets ETag and Cache-Control on a `@Cacheable` route and answers 304 when the tag matches. */
@Injectable()
export class ConditionalGetInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly moduleRef: ModuleRef,
    @Inject(HTTP_CACHING_OPTIONS) private readonly options: HttpCachingModuleOptions,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const route = this.reflector.get<CacheableRoute | undefined>(
      'http-caching:cacheable',
      context.getHandler(),
    );
    if (!route) return next.handle();
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const policy = this.options.policies[route.policy] ?? FALLBACK;
    const send = (etag: string): boolean => {
      res.setHeader('ETag', etag);
      res.setHeader('Cache-Control', cacheControlHeader(policy));
      res.setHeader('Vary', 'Accept-Encoding');
      if (!ifNoneMatchHits(req.headers['if-none-match'], etag)) return false;
      res.status(304);
      return true;
    };
    const full = (): Observable<unknown> =>
      next
        .handle()
        .pipe(map((body: unknown) => (send(entityTag(route.versions(body))) ? undefined : body)));
    if (!route.precheck || !req.headers['if-none-match']) return full();
    const precheck = this.moduleRef.get(route.precheck, { strict: false });
    return from(precheck.currentVersions(req)).pipe(
      mergeMap((current) => (current && send(entityTag(current)) ? of(undefined) : full())),
    );
  }
}
