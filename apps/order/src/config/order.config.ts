import { IsBoolean, IsInt, IsString, Matches, Max, Min } from 'class-validator';

/** The order service's configuration; every value has a working local default. */
export class OrderConfig {
  @IsInt() @Min(0) @Max(65535) ORDER_PORT = 3003;
  @IsString() HOST = '0.0.0.0';
  @Matches(/^postgres(ql)?:\/\//) ORDER_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/order';
  @Matches(/^amqps?:\/\//) AMQP_URL = 'amqp://guest:guest@127.0.0.1:5672';
  @IsBoolean() ORDER_RELAY_ENABLED = true;
}
