import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { runMain, startService } from '@app/service-kit';
import { AppModule } from './app.module';
import { RecommendationsConfig } from './config/recommendations.config';
import { recommendationsDataSourceOptions } from './database/data-source';

runMain(async () => {
  const config = loadConfig(RecommendationsConfig);
  await startService({
    name: 'recommendations',
    description: 'Products bought together; never recommends a decommissioned product.',
    port: config.RECOMMENDATIONS_PORT,
    host: config.HOST,
    requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_MS,
    databaseUrl: config.RECOMMENDATIONS_DATABASE_URL,
    dataSource: recommendationsDataSourceOptions(config.RECOMMENDATIONS_DATABASE_URL),
    module: AppModule.register(config),
  });
});
