import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AdminOnly } from '@app/auth';
import { HealthReportService, type PublicHealth } from './health-report.service';

/**
 * Readiness, apart from liveness (`LivenessController`): `/health/ready` (and `/health`, its old
 * name) 200 while the database answers, the broker connection is open and every consumer
 * consumes, else 503 (send it no traffic, do not restart it). Anyone sees statuses; the details
 * are for admins.
 */
@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(private readonly report: HealthReportService) {}

  @Get('health/ready')
  @ApiOkResponse({ description: 'ready: database, broker and every consumer up; statuses only' })
  @ApiServiceUnavailableResponse({ description: 'not ready: which part is down' })
  async ready(@Res({ passthrough: true }) res: Response): Promise<PublicHealth> {
    const statuses = await this.report.statuses();
    answer(res, statuses.status);
    return statuses;
  }

  @Get('health')
  @ApiOkResponse({ description: 'the same as /health/ready' })
  @ApiServiceUnavailableResponse({ description: 'not ready: which part is down' })
  async check(@Res({ passthrough: true }) res: Response): Promise<PublicHealth> {
    return this.ready(res);
  }

  @Get('admin/health')
  @AdminOnly()
  @ApiOkResponse({ description: 'ready, with every detail: consumers, mirrors, relay, errors' })
  @ApiServiceUnavailableResponse({ description: 'not ready, with every detail' })
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
