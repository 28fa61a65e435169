import type { Server } from 'node:http';
import { Logger } from '@nestjs/common';
import { AmqpConnection, eventsExchange, registerBrokerMetrics } from '@app/amqp';
import { createProcessRegistry } from '@app/metrics';
import { startTracing, stopTracing, useServiceLogs } from '@app/telemetry';
import { OutboxRelay } from './outbox-relay';
import { serveRelayHttp, type RelayHttpOptions } from './relay-http-server';
import { registerRelayMetrics } from './relay-metrics';
import type { RelayOptions } from './relay.options';

export interface StandaloneRelayOptions extends Partial<
  Omit<RelayOptions, 'connection' | 'databaseUrl' | 'exchanges'>
> {
  producer: string;
  databaseUrl: string;
  amqpUrl: string;
  /** Serves `/metrics` and `/health/live`, `/health/ready` on this port; none without it. */
  http?: RelayHttpOptions;
}

/**
 * Runs a relay as its own process (scale it apart from the HTTP service, or run several):
 * SIGTERM/SIGINT stop claiming, finish the batch in hand, and exit. It logs and traces as the
 * services do, as `<producer>-relay`.
 */
export async function runStandaloneRelay(options: StandaloneRelayOptions): Promise<OutboxRelay> {
  await useServiceLogs(`${options.producer}-relay`);
  startTracing(`${options.producer}-relay`);
  const logger = new Logger('relay');
  const connection = new AmqpConnection({
    url: options.amqpUrl,
    connectionName: `${options.producer}-relay`,
  });
  await connection.start();
  const relay = new OutboxRelay({
    ...options,
    connection,
    exchanges: [eventsExchange(options.producer)],
  });
  // Serving first: the probes answer (not ready) before the first claim.
  const server = options.http ? await serve(relay, connection, options.http, logger) : undefined;
  relay.start();
  logger.log(`relay for ${options.producer} started (pid ${process.pid})`);
  const shutdown = async (signal: string): Promise<void> => {
    logger.log(`${signal}: stopping the ${options.producer} relay`);
    // Like the services: a stop that hangs (a broker that never confirms) is cut off.
    setTimeout(() => {
      logger.error('still stopping after 25 s; exiting');
      process.exit(1);
    }, 25_000).unref();
    await relay.stop();
    await connection.close();
    server?.closeAllConnections();
    server?.close();
    await stopTracing();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  return relay;
}

async function serve(
  relay: OutboxRelay,
  connection: AmqpConnection,
  http: RelayHttpOptions,
  logger: Logger,
): Promise<Server> {
  const registry = createProcessRegistry();
  registerBrokerMetrics(registry, connection);
  registerRelayMetrics(registry, relay);
  const server = await serveRelayHttp(relay, registry, http);
  logger.log(`metrics and health on http://${http.host ?? '0.0.0.0'}:${http.port}`);
  return server;
}
