import { IsInt, Max, Min } from 'class-validator';
import { AuthConfig } from '@app/auth';
import type { PostgresSessionSettings } from '@app/relay';

/**
 * The part of the configuration every service shares: its tokens (`AuthConfig`), the rate limit
 * of its admin routes, what one request, one message or one database session may cost, and how
 * long it keeps operator records. A service's config class extends it; the names carry no app
 * prefix, so one value in a shared environment applies to every app.
 */
export class ServiceConfig extends AuthConfig {
  /** Requests per window and client address to the admin routes, all together; 0: no limit. */
  @IsInt() @Min(0) ADMIN_RATE_LIMIT = 300;
  /** The window over which every rate limit of the service counts requests. */
  @IsInt() @Min(1) @Max(3600) RATE_LIMIT_WINDOW_SECONDS = 60;
  /** Longest statement of any session of the app's pools; 0 turns the limit off. */
  @IsInt() @Min(0) DATABASE_STATEMENT_TIMEOUT_MS = 30_000;
  /** Longest wait for a lock (a row another transaction holds); 0 turns the limit off. */
  @IsInt() @Min(0) DATABASE_LOCK_TIMEOUT_MS = 5_000;
  /**
   * Longest a transaction may sit idle before PostgreSQL ends its session; above the relay's
   * confirm timeout (30 s), which a batch's transaction waits out. 0 turns the limit off.
   */
  @IsInt() @Min(0) DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;
  /** Longest time a client may take to send a whole request (headers and body). */
  @IsInt() @Min(1_000) HTTP_REQUEST_TIMEOUT_MS = 30_000;
  /** Longest message body a consumer parses; a longer one is parked, cut, as poison. */
  @IsInt() @Min(1_024) @Max(64 * 1024 * 1024) CONSUMER_MAX_MESSAGE_BYTES = 256 * 1024;
  /** Days a settled dead letter (requeued or discarded) is kept; 0: kept forever. */
  @IsInt() @Min(0) @Max(36500) DEAD_LETTER_RETENTION_DAYS = 0;
  /** Days an audit row is kept; 0: kept forever. */
  @IsInt() @Min(0) @Max(36500) AUDIT_RETENTION_DAYS = 0;
}

/** The session limits every PostgreSQL connection of the service starts with. */
export function databaseSessionSettings(config: ServiceConfig): PostgresSessionSettings {
  return {
    statement_timeout: config.DATABASE_STATEMENT_TIMEOUT_MS,
    lock_timeout: config.DATABASE_LOCK_TIMEOUT_MS,
    idle_in_transaction_session_timeout: config.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
  };
}
