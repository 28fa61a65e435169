import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { runStandaloneRelay } from '@app/relay';
import { databaseSessionSettings, runMain } from '@app/service-kit';
import { RecommendationsConfig } from './config/recommendations.config';

/**
 * The recommendations outbox relay (purge receipts) as its own process; the API then runs with
 * RECOMMENDATIONS_RELAY_ENABLED=false.
 */
runMain(async () => {
  const config = loadConfig(RecommendationsConfig);
  await runStandaloneRelay({
    producer: 'recommendations',
    databaseUrl: config.RECOMMENDATIONS_DATABASE_URL,
    amqpUrl: config.AMQP_URL,
    sessionSettings: databaseSessionSettings(config),
    batchSize: config.RELAY_BATCH_SIZE,
    pollIntervalMs: config.RELAY_POLL_INTERVAL_MS,
    maxAttempts: config.RELAY_MAX_ATTEMPTS,
    retryBaseDelayMs: config.RELAY_RETRY_BASE_DELAY_MS,
    http: config.RELAY_HTTP_PORT ? { port: config.RELAY_HTTP_PORT, host: config.HOST } : undefined,
  });
});
