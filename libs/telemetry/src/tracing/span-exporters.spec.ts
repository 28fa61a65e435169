import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { ConsoleSpanExporter } from '@opentelemetry/sdk-trace-node';
import { spanExportersFromEnv } from './span-exporters';

describe('span exporters from the OTEL_* variables', () => {
  const kinds = (env: NodeJS.ProcessEnv) =>
    spanExportersFromEnv(env).map((exporter) => exporter.constructor);

  it('exports nothing unless asked', () => {
    expect(kinds({})).toEqual([]);
    expect(kinds({ OTEL_TRACES_EXPORTER: 'none' })).toEqual([]);
    expect(
      kinds({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' }),
    ).toEqual([]);
  });

  it('takes an OTLP endpoint as a request for OTLP, over HTTP with protobuf by default', () => {
    expect(kinds({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' })).toEqual([OtlpProtobufExporter]);
    expect(kinds({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c:4318/v1/traces' })).toEqual([
      OtlpProtobufExporter,
    ]);
    expect(kinds({ OTEL_TRACES_EXPORTER: 'otlp' })).toEqual([OtlpProtobufExporter]);
  });

  it('speaks JSON when the protocol says so, the traces-specific variable first', () => {
    expect(
      kinds({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }),
    ).toEqual([OtlpJsonExporter]);
    expect(
      kinds({
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf',
      }),
    ).toEqual([OtlpProtobufExporter]);
  });

  it('takes several exporters, the console one too', () => {
    expect(kinds({ OTEL_TRACES_EXPORTER: 'otlp, console,otlp' })).toEqual([
      OtlpProtobufExporter,
      ConsoleSpanExporter,
    ]);
  });

  it('refuses what it cannot do, naming the variable', () => {
    expect(() => kinds({ OTEL_TRACES_EXPORTER: 'zipkin' })).toThrow(/OTEL_TRACES_EXPORTER.*zipkin/);
    expect(() =>
      kinds({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }),
    ).toThrow(/OTEL_EXPORTER_OTLP_PROTOCOL.*grpc/);
    expect(() => kinds({ OTEL_TRACES_EXPORTER: 'none,otlp' })).toThrow(/none/);
  });
});
