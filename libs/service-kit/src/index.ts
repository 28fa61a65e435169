export { EVENT_SURFACE_FLAG } from './asyncapi/print-event-surface';
export {
  ASYNCAPI_DOCUMENT_VERSION,
  ASYNCAPI_PATH,
  serviceAsyncApiDocument,
} from './asyncapi/serve-asyncapi';
export { serviceEventSurface } from './asyncapi/service-event-surface';
export { bootstrapService, configureHttp, type ServiceDescription } from './bootstrap-service';
export { DomainExceptionFilter } from './errors/domain-exception.filter';
export { strictValidationPipe } from './errors/validation.pipe';
export { OperationsModule } from './operations.module';
export { ensureDatabase } from './database/ensure-database';
export { runMigrations } from './database/run-migrations';
export type { RateLimits } from './rate-limits/rate-limits';
export { retentionOf, type Retention } from './retention';
export { databaseSessionSettings, ServiceConfig } from './service.config';
export { serviceInfrastructure, type ServiceInfrastructure } from './service-infrastructure';
export { runMain, startService, type ServiceLaunch } from './start-service';
export { registerHealthDetail } from './health/health-details';
export { LivenessController } from './health/liveness.controller';
