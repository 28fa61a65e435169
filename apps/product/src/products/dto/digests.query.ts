import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsOptional, Matches } from 'class-validator';

/** `GET /admin/products/digests`: the ranges whose 16 children are wanted. */
export class DigestsQuery {
  @ApiPropertyOptional({
    description:
      'comma-separated id range prefixes (0 to 31 hex digits, at most 256); omitted: the root',
    example: '3,a7',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? [...new Set(value.split(',').map((s) => s.trim().toLowerCase()))]
      : value,
  )
  @ArrayMaxSize(256)
  @Matches(/^[0-9a-f]{0,31}$/, { each: true, message: 'each prefix must be 0 to 31 hex digits' })
  prefixes?: string[];
}
