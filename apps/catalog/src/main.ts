import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { runMain, startService } from '@app/service-kit';
import { AppModule } from './app.module';
import { CatalogConfig } from './config/catalog.config';
import { catalogDataSourceOptions } from './database/data-source';

runMain(async () => {
  const config = loadConfig(CatalogConfig);
  await startService({
    name: 'catalog',
    description: 'Catalogs per medium; never lists a decommissioned product.',
    port: config.CATALOG_PORT,
    host: config.HOST,
    requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_MS,
    databaseUrl: config.CATALOG_DATABASE_URL,
    dataSource: catalogDataSourceOptions(config.CATALOG_DATABASE_URL),
    module: AppModule.register(config),
  });
});
