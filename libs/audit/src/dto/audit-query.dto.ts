import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min, ValidateBy } from 'class-validator';
import { decodeAuditCursor } from '../audit-cursor';
import type { AuditQuery } from '../audit-log.service';
import { IsTimestamp, NoNul } from './timestamp';

/** `GET /admin/audit`: exact filters, a time range, keyset paging, newest first. */
export class AuditQueryDto implements AuditQuery {
  @ApiPropertyOptional({ example: 'test-admin', description: "the token's sub" })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @NoNul()
  actor?: string;

  @ApiPropertyOptional({ example: 'dead-letter.requeued' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @NoNul()
  action?: string;

  @ApiPropertyOptional({ example: 'product' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @NoNul()
  entityType?: string;

  @ApiPropertyOptional({ description: 'the aggregate or row id' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @NoNul()
  entityId?: string;

  @ApiPropertyOptional({ example: '2025-06-01T00:00:00Z', description: 'at or after (ISO 8601)' })
  @IsOptional()
  @IsTimestamp()
  from?: string;

  @ApiPropertyOptional({ example: '2025-06-02T00:00:00Z', description: 'before (ISO 8601)' })
  @IsOptional()
  @IsTimestamp()
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'the nextCursor of the previous page' })
  @IsOptional()
  @ValidateBy({
    name: 'isAuditCursor',
    validator: {
      validate: (value) => typeof value === 'string' && decodeAuditCursor(value) !== undefined,
      defaultMessage: () => 'before must be a nextCursor returned by a previous page',
    },
  })
  before?: string;
}
