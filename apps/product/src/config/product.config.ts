import { IsBoolean, IsInt, IsString, Matches, Max, Min } from 'class-validator';

/** The product service's configuration; every value has a working local default. */
export class ProductConfig {
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
  @IsInt() @Min(0) PRODUCT_CACHE_MAX_AGE_SECONDS = 30;
  @IsInt() @Min(0) PRODUCT_CACHE_STALE_IF_ERROR_SECONDS = 300;
  @IsInt() @Min(0) PRODUCT_LIST_CACHE_MAX_AGE_SECONDS = 10;
}
