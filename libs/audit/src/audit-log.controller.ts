import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '@app/auth';
import { AuditLogService } from './audit-log.service';
import { AuditPageDto } from './dto/audit-page.dto';
import { AuditQueryDto } from './dto/audit-query.dto';

/** The service's audit log, for admins: who changed what, newest first. */
@ApiTags('audit')
@AdminOnly()
@Controller('admin/audit')
export class AuditLogController {
  constructor(private readonly auditLog: AuditLogService) {}

  @Get()
  @ApiOperation({ summary: 'list audit entries, newest first, by actor, action, entity and time' })
  @ApiOkResponse({ type: AuditPageDto })
  @ApiBadRequestResponse({ description: 'invalid input; the message names what is wrong' })
  list(@Query() query: AuditQueryDto): Promise<AuditPageDto> {
    if (query.from && query.to && Date.parse(query.from) >= Date.parse(query.to)) {
      throw new BadRequestException('from must be before to');
    }
    return this.auditLog.list(query);
  }
}
