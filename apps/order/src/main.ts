import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { runMain, startService } from '@app/service-kit';
import { AppModule } from './app.module';
import { OrderConfig } from './config/order.config';
import { orderDataSourceOptions } from './database/data-source';

runMain(async () => {
  const config = loadConfig(OrderConfig);
  await startService({
    name: 'order',
    description: 'Orders with a snapshot of each product as it was when ordered.',
    port: config.ORDER_PORT,
    host: config.HOST,
    requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_MS,
    databaseUrl: config.ORDER_DATABASE_URL,
    dataSource: orderDataSourceOptions(config.ORDER_DATABASE_URL),
    module: AppModule.register(config),
  });
});
