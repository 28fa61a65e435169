import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, ValidateBy } from 'class-validator';
import { decodeDeadLetterCursor } from '../dead-letter-cursor';
import type { DeadLetterQuery } from '../outbox-dead-letters.types';
import { OutboxDeadLetterFilterDto } from './dead-letter-filter.dto';

/** `GET /admin/outbox/dead-letters` query: a filter plus keyset paging, newest first. */
export class OutboxDeadLetterQueryDto extends OutboxDeadLetterFilterDto implements DeadLetterQuery {
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
    name: 'isDeadLetterCursor',
    validator: {
      validate: (value) => typeof value === 'string' && decodeDeadLetterCursor(value) !== undefined,
      defaultMessage: () => 'before must be a nextCursor returned by a previous page',
    },
  })
  before?: string;
}
