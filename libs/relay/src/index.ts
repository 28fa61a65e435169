export { backoffDelay } from './backoff';
export { BrokerUnavailableError, ConfirmPublisher, type BatchOutcome } from './confirm-publisher';
export type { OutboxRow, PublishFailure } from './outbox-row';
export { OutboxRelay } from './outbox-relay';
export { RelayModule } from './relay.module';
export type { RelayOptions } from './relay.options';
export type { RelayStatus } from './relay-status';
export { RelayStore, laneLockNamespace } from './relay-store';
export { runStandaloneRelay, type StandaloneRelayOptions } from './standalone-relay';
