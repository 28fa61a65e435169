export { AmqpProbe, Tap } from './amqp-probe';
export { AppProcess, freePort, type AppProcessOptions } from './app-process';
export { DatabaseProbe } from './database-probe';
export {
  DeadLetterApi,
  type DeadLetterQueryParams,
  type ListedDeadLetter,
} from './dead-letter-api';
export { adminToken, customerToken, http, type JsonResponse } from './http';
export {
  clearPolicy,
  closeConsumerChannels,
  closeVhostConnections,
  countChannels,
  createUser,
  createVhost,
  deleteUser,
  deleteVhost,
  rabbitmqctl,
  setQueuePolicy,
} from './rabbitmq-admin';
export { removeStaleTestResources, TEST_PREFIX, TestEnvironment } from './test-environment';
export { WaitAbortedError, waitFor, type WaitOptions } from './wait-for';
export { ServiceSystem, type SystemOptions } from './service-system';
export { productPurgedEvent, productSnapshotEvent, type RawProductEvent } from './product-events';
export { purgeReceiptEvent, type RawPurgeReceiptEvent } from './purge-receipt-events';
export { metricValue } from './metrics';
export { readSchema } from './read-schema';
export {
  pickTables,
  type ColumnSchema,
  type DatabaseSchema,
  type NamedDefinition,
  type SequenceSchema,
  type TableSchema,
} from './database-schema';
export { OtlpReceiver, type ReceivedSpan } from './otlp-receiver';
export { logLines, type LogLine } from './log-lines';
