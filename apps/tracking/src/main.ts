import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { runMain, startService } from '@app/service-kit';
import { AppModule } from './app.module';
import { TrackingConfig } from './config/tracking.config';
import { trackingDataSourceOptions } from './database/data-source';

runMain(async () => {
  const config = loadConfig(TrackingConfig);
  await startService({
    name: 'tracking',
    description: 'How often each product was added to and removed from carts.',
    port: config.TRACKING_PORT,
    host: config.HOST,
    requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_MS,
    databaseUrl: config.TRACKING_DATABASE_URL,
    dataSource: trackingDataSourceOptions(config.TRACKING_DATABASE_URL),
    module: AppModule.register(config),
  });
});
