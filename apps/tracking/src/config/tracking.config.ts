import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { ServiceConfig } from '@app/service-kit';

/** The tracking service's configuration; every value has a working local default. */
export class TrackingConfig extends ServiceConfig {
  @IsInt() @Min(0) @Max(65535) TRACKING_PORT = 3005;
  @IsString() HOST = '0.0.0.0';
  @Matches(/^postgres(ql)?:\/\//) TRACKING_DATABASE_URL =
    'postgres://postgres@127.0.0.1:5432/tracking';
  @Matches(/^amqps?:\/\//) AMQP_URL = 'amqp://guest:guest@127.0.0.1:5672';
  /** Counters lag the carts anyway (they are fed by events): a few seconds more cost nothing. */
  @IsInt() @Min(0) TRACKING_CACHE_MAX_AGE_SECONDS = 5;
  @IsInt() @Min(0) TRACKING_CONSUMER_MAX_RETRIES = 5;
  @IsInt() @Min(1) TRACKING_CONSUMER_RETRY_BASE_DELAY_MS = 1000;
  @IsInt() @Min(1) @Max(1000) TRACKING_CONSUMER_PREFETCH = 50;
  @IsInt() @Min(1) @Max(1000) TRACKING_CONSUMER_MAX_BATCH = 20;
  @IsInt() @Min(1) TRACKING_CONSUMER_DELIVERY_LIMIT = 10;
}
