import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

/**
 * `GET /health/live`: 200 while the process answers (restart it when it does not). It checks
 * nothing else, so it suits any app, one without a database or a broker too.
 */
@ApiTags('operations')
@Controller('health')
export class LivenessController {
  @Get('live')
  @ApiOkResponse({ description: 'alive: the process answers; it checks nothing else' })
  live(@Res({ passthrough: true }) res: Response): { status: 'ok' } {
    res.setHeader('Cache-Control', 'no-store');
    return { status: 'ok' };
  }
}
