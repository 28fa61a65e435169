import { IsInt, IsString, Max, Min } from 'class-validator';
import { IsConsoleServices } from './console-services';

/** Where `npm start` runs each service: the console's default neighbours. */
const LOCAL_SERVICES = [
  'product=http://127.0.0.1:3001',
  'catalog=http://127.0.0.1:3002',
  'order=http://127.0.0.1:3003',
  'cart=http://127.0.0.1:3004',
  'tracking=http://127.0.0.1:3005',
  'recommendations=http://127.0.0.1:3006',
].join(',');

/**
 * The console's configuration: where it listens, which services it fronts and how long it waits
 * for them. It has no database, broker or token of its own.
 */
export class ConsoleConfig {
  @IsInt() @Min(0) @Max(65535) CONSOLE_PORT = 3007;
  @IsString() HOST = '0.0.0.0';
  /** `name=url` pairs: the only hosts the proxy ever calls. */
  @IsConsoleServices() CONSOLE_SERVICES = LOCAL_SERVICES;
  /** Longest wait for a service's answer, body included; then 504. */
  @IsInt() @Min(100) @Max(300_000) CONSOLE_UPSTREAM_TIMEOUT_MS = 10_000;
  /** Largest JSON body the proxy takes (a requeue of 500 ids is about 15 kB). */
  @IsInt() @Min(1_024) @Max(10 * 1024 * 1024) CONSOLE_MAX_BODY_BYTES = 64 * 1024;
  /** Longest time a client may take to send a whole request (headers and body). */
  @IsInt() @Min(1_000) HTTP_REQUEST_TIMEOUT_MS = 30_000;
}
