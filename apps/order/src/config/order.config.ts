import { IsBoolean, IsIn, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { CUSTOMER_AUTH_MODES, type CustomerAuthMode } from '@app/auth';
import { ServiceConfig } from '@app/service-kit';

/** The order service's configuration; every value has a working local default. */
export class OrderConfig extends ServiceConfig {
  @IsInt() @Min(0) @Max(65535) ORDER_PORT = 3003;
  @IsString() HOST = '0.0.0.0';
  @Matches(/^postgres(ql)?:\/\//) ORDER_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/order';
  @Matches(/^amqps?:\/\//) AMQP_URL = 'amqp://guest:guest@127.0.0.1:5672';
  /** The product service: the owner the product mirror seeds from and reconciles with. */
  @Matches(/^https?:\/\//) PRODUCT_SERVICE_URL = 'http://127.0.0.1:3001';
  @IsBoolean() ORDER_RELAY_ENABLED = true;
  @IsInt() @Min(1) @Max(5000) RELAY_BATCH_SIZE = 500;
  @IsInt() @Min(10) RELAY_POLL_INTERVAL_MS = 1000;
  @IsInt() @Min(1) RELAY_MAX_ATTEMPTS = 10;
  @IsInt() @Min(1) RELAY_RETRY_BASE_DELAY_MS = 1000;
  /** A standalone relay's own port for `/metrics` and `/health/*`; 0: none. */
  @IsInt() @Min(0) @Max(65535) RELAY_HTTP_PORT = 0;
  @IsInt() @Min(0) ORDER_CACHE_MAX_AGE_SECONDS = 0;
  @IsInt() @Min(0) ORDER_CONSUMER_MAX_RETRIES = 5;
  @IsInt() @Min(1) ORDER_CONSUMER_RETRY_BASE_DELAY_MS = 1000;
  @IsInt() @Min(1) @Max(1000) ORDER_CONSUMER_PREFETCH = 50;
  @IsInt() @Min(1) @Max(1000) ORDER_CONSUMER_MAX_BATCH = 20;
  @IsInt() @Min(1) ORDER_CONSUMER_DELIVERY_LIMIT = 10;
  /** Entries per seed page from the product service, each applied in one transaction. */
  @IsInt() @Min(1) @Max(1000) ORDER_MIRROR_SEED_PAGE_SIZE = 1000;
  /** Id ranges read from the product service at once while seeding (1 reads one page ahead). */
  @IsInt() @Min(1) @Max(16) ORDER_MIRROR_SEED_READERS = 2;
  /** Mean time between scheduled reconcile runs of the product mirror; 0: on demand only. */
  @IsInt() @Min(0) ORDER_MIRROR_RECONCILE_INTERVAL_MS = 900_000;
  /** `gateway`: a gateway in front authenticates customers; `token`: a customer token must match. */
  @IsIn(CUSTOMER_AUTH_MODES) CUSTOMER_AUTH: CustomerAuthMode = 'gateway';
  /** Writes to orders per window and client address; 0: no limit. */
  @IsInt() @Min(0) CUSTOMER_WRITE_RATE_LIMIT = 120;
}
