import { Module, type DynamicModule, type ExecutionContext } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule, type ThrottlerOptions } from '@nestjs/throttler';
import { isAdminRoute, isCustomerWrite } from './rate-limited-routes';
import { RateLimitGuard } from './rate-limit.guard';
import { ADMIN_THROTTLER, CUSTOMER_WRITES_THROTTLER, type RateLimits } from './rate-limits';

/**
 * `@nestjs/throttler` on the admin routes and the customer writes, counted per client address
 * (`req.ip`) in this process's memory; each limit counts all its routes together. A limit of 0
 * registers nothing.
 */
@Module({})
export class RateLimitModule {
  static forRoot(limits: RateLimits): DynamicModule {
    const ttl = limits.windowSeconds * 1000;
    const throttlers: ThrottlerOptions[] = [];
    const limit = (name: string, max: number, applies: (c: ExecutionContext) => boolean) => {
      if (max > 0) throttlers.push({ name, limit: max, ttl, skipIf: (c) => !applies(c) });
    };
    limit(ADMIN_THROTTLER, limits.admin, isAdminRoute);
    limit(CUSTOMER_WRITES_THROTTLER, limits.customerWrites ?? 0, isCustomerWrite);
    if (throttlers.length === 0) return { module: RateLimitModule };
    return {
      module: RateLimitModule,
      imports: [
        ThrottlerModule.forRoot({
          throttlers,
          // One bucket per limit and address, whichever of its routes is called.
          generateKey: (_context, tracker, name) => `${name}:${tracker}`,
          // Only the refusal says anything (Retry-After); no X-RateLimit-* on every answer.
          setHeaders: false,
        }),
      ],
      providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
    };
  }
}
