import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { ConsoleSpanExporter, type SpanExporter } from '@opentelemetry/sdk-trace-node';

/**
 * The exporters the standard variables ask for. Off unless asked: `OTEL_TRACES_EXPORTER`
 * (`otlp`, `console`, `none`, comma-separated), or an OTLP endpoint
 * (`OTEL_EXPORTER_OTLP_ENDPOINT`, `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`), which implies `otlp`.
 * OTLP goes over HTTP, `http/protobuf` (the default) or `http/json`
 * (`OTEL_EXPORTER_OTLP_[TRACES_]PROTOCOL`); the exporters read the endpoint, headers, timeout and
 * compression variables themselves. Anything else is refused at boot.
 */
export function spanExportersFromEnv(env: NodeJS.ProcessEnv = process.env): SpanExporter[] {
  const named = (env.OTEL_TRACES_EXPORTER ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const names = named.length > 0 ? named : endpoint ? ['otlp'] : [];
  if (names.includes('none')) {
    if (names.length > 1) throw new Error('OTEL_TRACES_EXPORTER: none cannot go with others');
    return [];
  }
  return [...new Set(names)].map((name) => {
    switch (name) {
      case 'otlp':
        return otlpExporter(env);
      case 'console':
        return new ConsoleSpanExporter();
      default:
        throw new Error(
          `OTEL_TRACES_EXPORTER: unsupported exporter '${name}' (otlp, console or none)`,
        );
    }
  });
}

function otlpExporter(env: NodeJS.ProcessEnv): SpanExporter {
  const protocol =
    env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL || env.OTEL_EXPORTER_OTLP_PROTOCOL || 'http/protobuf';
  switch (protocol) {
    case 'http/protobuf':
      return new OtlpProtobufExporter();
    case 'http/json':
      return new OtlpJsonExporter();
    default:
      throw new Error(
        `OTEL_EXPORTER_OTLP_PROTOCOL: unsupported protocol '${protocol}' (http/protobuf or http/json)`,
      );
  }
}
