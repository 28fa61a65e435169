import 'reflect-metadata';
import { join } from 'node:path';
import { loadConfig } from '@app/config';
import { bootstrapService, runMain } from '@app/service-kit';
import { AppModule } from './app.module';
import { ConsoleConfig } from './config/console.config';
import { CONSOLE_HELMET } from './content-security-policy';

/** The page, compiled by `npm run build` beside this file's folder: dist/apps/console/web. */
const WEB_ROOT = join(__dirname, '..', 'web');

runMain(async () => {
  const config = loadConfig(ConsoleConfig);
  await bootstrapService(AppModule.register(config), {
    name: 'console',
    description: 'The operations console: a page for admins over the services’ admin APIs.',
    port: config.CONSOLE_PORT,
    host: config.HOST,
    requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_MS,
    documents: false,
    helmet: CONSOLE_HELMET,
    staticRoot: WEB_ROOT,
    jsonBodyLimitBytes: config.CONSOLE_MAX_BODY_BYTES,
  });
});
