import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { runStandaloneRelay } from '@app/relay';
import { databaseSessionSettings, runMain } from '@app/service-kit';
import { CatalogConfig } from './config/catalog.config';

/**
 * The catalog outbox relay (purge receipts) as its own process; the API then runs with
 * CATALOG_RELAY_ENABLED=false.
 */
runMain(async () => {
  const config = loadConfig(CatalogConfig);
  await runStandaloneRelay({
    producer: 'catalog',
    databaseUrl: config.CATALOG_DATABASE_URL,
    amqpUrl: config.AMQP_URL,
    sessionSettings: databaseSessionSettings(config),
    batchSize: config.RELAY_BATCH_SIZE,
    pollIntervalMs: config.RELAY_POLL_INTERVAL_MS,
    maxAttempts: config.RELAY_MAX_ATTEMPTS,
    retryBaseDelayMs: config.RELAY_RETRY_BASE_DELAY_MS,
    http: config.RELAY_HTTP_PORT ? { port: config.RELAY_HTTP_PORT, host: config.HOST } : undefined,
  });
});
