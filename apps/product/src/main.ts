import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { runMain, startService } from '@app/service-kit';
import { AppModule } from './app.module';
import { ProductConfig } from './config/product.config';
import { productDataSourceOptions } from './database/data-source';

runMain(async () => {
  const config = loadConfig(ProductConfig);
  await startService({
    name: 'product',
    description:
      'Products: the source of truth; admin decommission, recommission and purge; snapshot, digests and the purge ledger for mirrors.',
    port: config.PRODUCT_PORT,
    host: config.HOST,
    requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_MS,
    databaseUrl: config.PRODUCT_DATABASE_URL,
    dataSource: productDataSourceOptions(config.PRODUCT_DATABASE_URL),
    module: AppModule.register(config),
  });
});
