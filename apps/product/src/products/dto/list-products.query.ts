import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsOptional, IsUUID } from 'class-validator';

export class ListProductsQuery {
  @ApiPropertyOptional({
    description: 'comma-separated product ids (at most 100)',
    example: 'id1,id2',
  })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : value,
  )
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  ids!: string[];

  @ApiPropertyOptional({ enum: ['active', 'decommissioned'] })
  @IsOptional()
  @IsIn(['active', 'decommissioned'])
  status?: 'active' | 'decommissioned';
}
