import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

/**
 * `GET /health/ready` (and `/health`): the console needs nothing to serve its page and its
 * proxy, so it is ready once it listens. A service that is down is what it shows, not a reason
 * to take the console out of rotation.
 */
@ApiTags('operations')
@Controller('health')
export class ReadinessController {
  @Get(['ready', ''])
  @ApiOkResponse({ description: 'ready: the console serves its page and its proxy' })
  ready(@Res({ passthrough: true }) res: Response): { status: 'ok' } {
    res.setHeader('Cache-Control', 'no-store');
    return { status: 'ok' };
  }
}
