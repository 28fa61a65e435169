import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const DEFAULT_RECOMMENDATIONS_LIMIT = 10;

export class RecommendationsQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: DEFAULT_RECOMMENDATIONS_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}
