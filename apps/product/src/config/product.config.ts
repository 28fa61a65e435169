import { IsBoolean, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { ServiceConfig } from '@app/service-kit';

/** The product service's configuration; every value has a working local default. */
export class ProductConfig extends ServiceConfig {
  @IsInt() @Min(0) @Max(65535) PRODUCT_PORT = 3001;
  @IsString() HOST = '0.0.0.0';
  @Matches(/^postgres(ql)?:\/\//) PRODUCT_DATABASE_URL =
    'postgres://postgres@127.0.0.1:5432/product';
  @Matches(/^amqps?:\/\//) AMQP_URL = 'amqp://guest:guest@127.0.0.1:5672';
  @IsBoolean() PRODUCT_RELAY_ENABLED = true;
  @IsInt() @Min(1) @Max(5000) RELAY_BATCH_SIZE = 500;
  @IsInt() @Min(10) RELAY_POLL_INTERVAL_MS = 1000;
  @IsInt() @Min(1) RELAY_MAX_ATTEMPTS = 10;
  @IsInt() @Min(1) RELAY_RETRY_BASE_DELAY_MS = 1000;
  /** A standalone relay's own port for `/metrics` and `/health/*`; 0: none. */
  @IsInt() @Min(0) @Max(65535) RELAY_HTTP_PORT = 0;
  @IsInt() @Min(0) PRODUCT_CACHE_MAX_AGE_SECONDS = 30;
  @IsInt() @Min(0) PRODUCT_CACHE_STALE_IF_ERROR_SECONDS = 300;
  @IsInt() @Min(0) PRODUCT_LIST_CACHE_MAX_AGE_SECONDS = 10;
  /** Consumer names of the mirrors whose purge receipts each purge waits for (comma list). */
  @Matches(/^[a-z][a-z0-9-]*(,[a-z][a-z0-9-]*)*$/, {
    message: 'PRODUCT_PURGE_MIRRORS must be a comma list of consumer names',
  })
  PRODUCT_PURGE_MIRRORS = 'catalog,order,cart,recommendations';
  /** A purge older than this without every receipt counts in `safe_deletion_purges_incomplete`. */
  @IsInt() @Min(1) PRODUCT_PURGE_RECEIPT_DEADLINE_SECONDS = 3600;
  @IsInt() @Min(0) PRODUCT_CONSUMER_MAX_RETRIES = 5;
  @IsInt() @Min(1) PRODUCT_CONSUMER_RETRY_BASE_DELAY_MS = 1000;
  @IsInt() @Min(1) @Max(1000) PRODUCT_CONSUMER_PREFETCH = 50;
  @IsInt() @Min(1) @Max(1000) PRODUCT_CONSUMER_MAX_BATCH = 20;
  @IsInt() @Min(1) PRODUCT_CONSUMER_DELIVERY_LIMIT = 10;
}

/** The mirrors expected to confirm a purge, from `PRODUCT_PURGE_MIRRORS`. */
export function purgeMirrors(config: ProductConfig): string[] {
  return [...new Set(config.PRODUCT_PURGE_MIRRORS.split(','))];
}
