import { trace } from '@opentelemetry/api';

/** Our instrumentation's tracer; spans go nowhere until `startTracing` registers a provider. */
export const tracer = trace.getTracer('@app/telemetry');
