import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min, ValidateBy } from 'class-validator';
import { decodeDeadLetterCursor } from '../dead-letter-cursor';
import { DEFAULT_PAGE, MAX_PAGE } from '../dead-letter-sql';
import {
  DEAD_LETTER_STATUSES,
  type DeadLetterQuery,
  type DeadLetterStatus,
} from '../dead-letter.types';
import { DeadLetterFilterDto } from './dead-letter-filter.dto';

/** A listing's query: a filter, a status, and keyset paging, newest first. */
export class DeadLetterQueryDto extends DeadLetterFilterDto implements DeadLetterQuery {
  @ApiPropertyOptional({ enum: DEAD_LETTER_STATUSES, default: 'parked' })
  @IsOptional()
  @IsIn(DEAD_LETTER_STATUSES)
  status?: DeadLetterStatus;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: DEFAULT_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
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
