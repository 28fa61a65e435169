import { Module } from '@nestjs/common';
import { HealthController } from './health/health.controller';
import { HealthReportService } from './health/health-report.service';
import { LivenessController } from './health/liveness.controller';
import { MetricsController } from './metrics/metrics.controller';

/**
 * `GET /health/live`, `GET /health/ready` (also `/health`; statuses), `GET /admin/health`
 * (details, admin token) and `GET /metrics` for a service with a database and a broker connection.
 */
@Module({
  controllers: [LivenessController, HealthController, MetricsController],
  providers: [HealthReportService],
})
export class OperationsModule {}
