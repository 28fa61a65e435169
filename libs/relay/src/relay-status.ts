/** What a relay reports to health checks and metrics. */
export interface RelayStatus {
  running: boolean;
  brokerConnected: boolean;
  databaseConnected: boolean;
  lastError?: string;
  published: number;
  failedAttempts: number;
  deadLettered: number;
  /** Refreshed every few seconds; undefined until the first reading. */
  backlog?: { pending: number; oldestPendingAgeMs: number; deadLettered: number };
}
