import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { runMain, startService } from '@app/service-kit';
import { AppModule } from './app.module';
import { CartConfig } from './config/cart.config';
import { cartDataSourceOptions } from './database/data-source';

runMain(async () => {
  const config = loadConfig(CartConfig);
  await startService({
    name: 'cart',
    description: 'Shopping carts; emits cart.item-added, cart.item-updated, cart.item-removed.',
    port: config.CART_PORT,
    host: config.HOST,
    requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_MS,
    databaseUrl: config.CART_DATABASE_URL,
    dataSource: cartDataSourceOptions(config.CART_DATABASE_URL),
    module: AppModule.register(config),
  });
});
