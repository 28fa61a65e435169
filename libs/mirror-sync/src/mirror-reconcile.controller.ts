import { Controller, HttpCode, Post, ServiceUnavailableException } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiOkResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, AdminOnly } from '@app/auth';
import { OwnerRequestError } from './http-mirror-source';
import { MirrorSync } from './mirror-sync.service';
import { ReconcileResultDto } from './reconcile-result.dto';

@ApiTags('admin')
@AdminOnly()
@Controller('admin/mirror')
export class MirrorReconcileController {
  constructor(private readonly sync: MirrorSync) {}

  /** Compares the mirror with its owner now and repairs what differs. */
  @Post('reconcile')
  @HttpCode(200)
  @ApiOkResponse({ type: ReconcileResultDto })
  @ApiConflictResponse({ description: 'a reconcile run of this mirror is in progress' })
  @ApiServiceUnavailableResponse({ description: 'the owner could not be read' })
  async reconcile(@Actor() actor: string): Promise<ReconcileResultDto> {
    try {
      return await this.sync.reconcile(actor);
    } catch (err) {
      if (err instanceof OwnerRequestError) throw new ServiceUnavailableException(err.message);
      throw err;
    }
  }
}
