import { IsBoolean, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { ServiceConfig } from '@app/service-kit';

/** The catalog service's configuration; every value has a working local default. */
export class CatalogConfig extends ServiceConfig {
  @IsInt() @Min(0) @Max(65535) CATALOG_PORT = 3002;
  @IsString() HOST = '0.0.0.0';
  @Matches(/^postgres(ql)?:\/\//) CATALOG_DATABASE_URL =
    'postgres://postgres@127.0.0.1:5432/catalog';
  @Matches(/^amqps?:\/\//) AMQP_URL = 'amqp://guest:guest@127.0.0.1:5672';
  /** The product service: the owner the product mirror seeds from and reconciles with. */
  @Matches(/^https?:\/\//) PRODUCT_SERVICE_URL = 'http://127.0.0.1:3001';
  @IsBoolean() CATALOG_RELAY_ENABLED = true;
  @IsInt() @Min(1) @Max(5000) RELAY_BATCH_SIZE = 500;
  @IsInt() @Min(10) RELAY_POLL_INTERVAL_MS = 1000;
  @IsInt() @Min(1) RELAY_MAX_ATTEMPTS = 10;
  @IsInt() @Min(1) RELAY_RETRY_BASE_DELAY_MS = 1000;
  /** A standalone relay's own port for `/metrics` and `/health/*`; 0: none. */
  @IsInt() @Min(0) @Max(65535) RELAY_HTTP_PORT = 0;
  @IsInt() @Min(0) CATALOG_CACHE_MAX_AGE_SECONDS = 10;
  @IsInt() @Min(0) CATALOG_CONSUMER_MAX_RETRIES = 5;
  @IsInt() @Min(1) CATALOG_CONSUMER_RETRY_BASE_DELAY_MS = 1000;
  @IsInt() @Min(1) @Max(1000) CATALOG_CONSUMER_PREFETCH = 50;
  @IsInt() @Min(1) @Max(1000) CATALOG_CONSUMER_MAX_BATCH = 20;
  @IsInt() @Min(1) CATALOG_CONSUMER_DELIVERY_LIMIT = 10;
  /** Entries per seed page from the product service, each applied in one transaction. */
  @IsInt() @Min(1) @Max(1000) CATALOG_MIRROR_SEED_PAGE_SIZE = 1000;
  /** Id ranges read from the product service at once while seeding (1 reads one page ahead). */
  @IsInt() @Min(1) @Max(16) CATALOG_MIRROR_SEED_READERS = 2;
  /** Mean time between scheduled reconcile runs of the product mirror; 0: on demand only. */
  @IsInt() @Min(0) CATALOG_MIRROR_RECONCILE_INTERVAL_MS = 900_000;
}
