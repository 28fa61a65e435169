import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsInt,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateBy,
} from 'class-validator';

/**
 * Ids per lookup: 200 keep the URL near 7.5 kB, under the 8 kB many proxies allow and Node's
 * 16 kB header limit (1000 ids, 37 kB, are refused with 431 before any validation).
 */
export const MAX_LOOKUP_IDS = 200;

const commaList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.split(',').map((s) => s.trim()) : value;

/** `GET /admin/products/snapshot`: a keyset page of a range, or the entries of some ids. */
export class SnapshotQuery {
  @ApiPropertyOptional({ description: 'the nextCursor of the previous page (exclusive)' })
  @IsOptional()
  @IsUUID('all')
  after?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({
    description: 'only ids whose hex digits (dashes ignored) start with this; 0 to 31 digits',
    example: 'a7',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.toLowerCase() : value,
  )
  @Matches(/^[0-9a-f]{0,31}$/, { message: 'prefix must be 0 to 31 hex digits' })
  prefix?: string;

  @ApiPropertyOptional({
    description: `comma-separated ids (at most ${MAX_LOOKUP_IDS}) to look up instead of a page`,
    example: 'id1,id2',
  })
  @IsOptional()
  @Transform(commaList)
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LOOKUP_IDS)
  @IsUUID('all', { each: true })
  @ValidateBy({
    name: 'idsAlone',
    validator: {
      validate: (_, args) => {
        const q = args?.object as SnapshotQuery;
        return q.after === undefined && q.limit === undefined && q.prefix === undefined;
      },
      defaultMessage: () => 'ids cannot be combined with after, limit or prefix',
    },
  })
  ids?: string[];
}
