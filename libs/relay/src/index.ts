export { backoffDelay } from './backoff';
export { BrokerUnavailableError, ConfirmPublisher, type BatchOutcome } from './confirm-publisher';
export type { OutboxRow, PublishFailure } from './outbox-row';
export { OutboxRelay } from './outbox-relay';
export {
  relayHealth,
  serveRelayHttp,
  type RelayHealth,
  type RelayHttpOptions,
} from './relay-http-server';
export { commitToPublishSeconds, registerRelayMetrics } from './relay-metrics';
export { RelayModule } from './relay.module';
export type { PostgresSessionSettings, RelayOptions } from './relay.options';
export type { RelayStatus } from './relay-status';
export { RelayStore, laneLockNamespace } from './relay-store';
export { runStandaloneRelay, type StandaloneRelayOptions } from './standalone-relay';
export { appendAttemptLogSql, ATTEMPT_LOG_LIMIT, type AttemptLogEntry } from './attempt-log';
