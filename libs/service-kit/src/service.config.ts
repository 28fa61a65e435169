import { IsInt, Max, Min } from 'class-validator';
import { AuthConfig } from '@app/auth';

/**
 * The part of the configuration every service shares: its tokens (`AuthConfig`) and the rate
 * limit of its admin routes. A service's config class extends it.
 */
export class ServiceConfig extends AuthConfig {
  /** Requests per window and client address to the admin routes, all together; 0: no limit. */
  @IsInt() @Min(0) ADMIN_RATE_LIMIT = 300;
  /** The window over which every rate limit of the service counts requests. */
  @IsInt() @Min(1) @Max(3600) RATE_LIMIT_WINDOW_SECONDS = 60;
}
