import type { ClientConfig } from 'pg';
import type { AmqpConnection } from '@app/amqp';

/**
 * PostgreSQL session limits for the relay's connections (milliseconds; 0 or absent: none),
 * sent when each session starts.
 */
export type PostgresSessionSettings = Pick<
  ClientConfig,
  'statement_timeout' | 'lock_timeout' | 'idle_in_transaction_session_timeout'
>;

export interface RelayOptions {
  /** PostgreSQL URL of the service database holding the outbox. */
  databaseUrl: string;
  /** Broker connection; the relay opens its own confirm channel on it. */
  connection: AmqpConnection;
  /** Exchanges to declare before publishing (the service's `<producer>.events`). */
  exchanges: string[];
  table?: string;
  /** Rows per claim transaction. */
  batchSize?: number;
  /** Lanes one claim may hold, so several relays share the work; defaults to half of them. */
  maxLanesPerBatch?: number;
  /** Polling fallback when no wake-up arrives. */
  pollIntervalMs?: number;
  /** Publish attempts before a row moves to the outbox dead-letter state. */
  maxAttempts?: number;
  /** Row retry backoff: base * 2^(attempts-1), capped. */
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
  /** Whole-relay backoff while the broker or the database is away. */
  outageMaxDelayMs?: number;
  /** How long published rows are kept, and how often the cleanup runs. */
  retentionMs?: number;
  cleanupIntervalMs?: number;
  /** A pending row older than this is reported as stuck (health, metrics, a warning). */
  stuckAfterMs?: number;
  /** A lost confirm (broker hung) fails the batch after this long. */
  confirmTimeoutMs?: number;
  /**
   * Session limits of its pool and its LISTEN session. A batch's transaction stays open while
   * its confirms arrive: keep `idle_in_transaction_session_timeout` above `confirmTimeoutMs`.
   */
  sessionSettings?: PostgresSessionSettings;
}

export type ResolvedRelayOptions = Required<Omit<RelayOptions, 'connection'>> &
  Pick<RelayOptions, 'connection'>;
