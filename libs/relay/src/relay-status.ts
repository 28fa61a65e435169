/** What a relay reports to health checks and metrics. */
export interface RelayStatus {
  running: boolean;
  brokerConnected: boolean;
  databaseConnected: boolean;
  /** LISTENing for wake-ups on the outbox channel. */
  listening: boolean;
  /** Asleep until a wake-up or the next poll, with nothing claimable left. */
  idle: boolean;
  lastError?: string;
  published: number;
  failedAttempts: number;
  deadLettered: number;
  /** Refreshed every few seconds; undefined until the first reading. */
  backlog?: {
    pending: number;
    oldestPendingAgeMs: number;
    deadLettered: number;
    /** The oldest pending row is older than `stuckAfterMs`: nothing is draining it. */
    stuck: boolean;
  };
}
