export { currentLogFields, withLogFields, type LogFields } from './logging/log-fields';
export { LoggingConfig, loggingSettings, type LoggingSettings } from './logging/logging.config';
export { REQUEST_ID_HEADER } from './logging/request-id';
export { serializeError } from './logging/log-serializers';
export { requestLoggingModule, serviceLogger, useServiceLogs } from './logging/service-logging';
export { inChildSpan, inLinkedSpan } from './tracing/child-span';
export { traceHttpRequests } from './tracing/http-tracing';
export {
  startProcessSpan,
  startPublishSpan,
  type ConsumedMessage,
  type MessageSpan,
  type PublishedMessage,
} from './tracing/message-spans';
export { spanExportersFromEnv } from './tracing/span-exporters';
export { activeTraceparent, traceIdOf, traceparentOf } from './tracing/trace-context';
export { startTracing, stopTracing } from './tracing/tracing';
