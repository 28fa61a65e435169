import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AdminOnly } from '@app/auth';
import { HealthReportService, type PublicHealth } from './health-report.service';

/**
 * Liveness and readiness in one: 200 while the database answers, 503 otherwise. Anyone sees
 * statuses; the details (counters, backlogs, error texts) are for admins.
 */
@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(private readonly report: HealthReportService) {}

  @Get('health')
  @ApiOkResponse({ description: 'ready: the database answers; statuses only' })
  @ApiServiceUnavailableResponse({ description: 'the database does not answer' })
  async check(@Res({ passthrough: true }) res: Response): Promise<PublicHealth> {
    const statuses = await this.report.statuses();
    answer(res, statuses.status);
    return statuses;
  }

  @Get('admin/health')
  @AdminOnly()
  @ApiOkResponse({ description: 'ready, with every detail: consumers, mirrors, relay, errors' })
  @ApiServiceUnavailableResponse({ description: 'the database does not answer' })
  async details(@Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const details = await this.report.details();
    answer(res, details.status);
    return details;
  }
}

function answer(res: Response, status: PublicHealth['status']): void {
  res.status(status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
  res.setHeader('Cache-Control', 'no-store');
}
