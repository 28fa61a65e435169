import { Module } from '@nestjs/common';
import { HealthController } from './health/health.controller';
import { MetricsController } from './metrics/metrics.controller';

/** `GET /health` and `GET /metrics` for a service with a database and a broker connection. */
@Module({ controllers: [HealthController, MetricsController] })
export class OperationsModule {}
