import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, AdminOnly } from '@app/auth';
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
  async reconcile(@Actor() actor: string): Promise<ReconcileResultDto> {
    return this.sync.reconcile(actor);
  }
}
