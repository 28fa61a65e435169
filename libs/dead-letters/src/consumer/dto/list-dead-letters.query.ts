import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { DEAD_LETTER_STATUSES, type DeadLetterStatus } from '@app/inbox';
import { DeadLetterFilterDto } from './dead-letter-filter.dto';

export class ListDeadLettersQuery extends DeadLetterFilterDto {
  @ApiPropertyOptional({ enum: DEAD_LETTER_STATUSES, default: 'parked' })
  @IsOptional()
  @IsIn(DEAD_LETTER_STATUSES)
  status?: DeadLetterStatus;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}
