import { DiagLogLevel, diag } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  defaultResource,
  detectResources,
  envDetector,
  resourceFromAttributes,
} from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { Logger } from '@nestjs/common';
import { spanExportersFromEnv } from './span-exporters';

let started = false;
let provider: NodeTracerProvider | undefined;

/**
 * Registers this process's tracer provider once: spans with ids for every request and message
 * (so log lines carry a trace id and outbox rows a `traceparent`), exported only where the
 * `OTEL_*` variables ask for it. `OTEL_SDK_DISABLED=true` registers nothing: a `traceparent`
 * that arrives is then passed on unchanged. `OTEL_SERVICE_NAME` and `OTEL_RESOURCE_ATTRIBUTES`
 * override the resource, `OTEL_TRACES_SAMPLER[_ARG]` the sampler, `OTEL_BSP_*` the batching.
 */
export function startTracing(service: string, env: NodeJS.ProcessEnv = process.env): void {
  if (started) return;
  started = true;
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return;
  const exporters = spanExportersFromEnv(env);
  const logger = new Logger('OpenTelemetry');
  diag.setLogger(
    {
      error: (message) => logger.error(message),
      warn: (message) => logger.warn(message),
      info: () => undefined,
      debug: () => undefined,
      verbose: () => undefined,
    },
    DiagLogLevel.WARN,
  );
  provider = new NodeTracerProvider({
    resource: defaultResource()
      .merge(resourceFromAttributes({ 'service.name': service }))
      .merge(detectResources({ detectors: [envDetector] })),
    spanProcessors: exporters.map((exporter) => new BatchSpanProcessor(exporter)),
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
}

/** Exports the spans still buffered and stops; call it before the process exits. */
export async function stopTracing(): Promise<void> {
  await provider?.shutdown().catch(() => undefined);
}
