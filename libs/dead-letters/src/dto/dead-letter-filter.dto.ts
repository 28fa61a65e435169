import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import type { DeadLetterFilter } from '../dead-letter.types';
import { NoNul } from './stored-text';

/** Exact-match criteria of a listing, a requeue or a discard; fields combine with AND. */
export class DeadLetterFilterDto implements DeadLetterFilter {
  @ApiPropertyOptional({
    example: 'catalog.product',
    description: 'where it was going: the consumer queue, or the exchange of an outbox row',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @NoNul()
  destination?: string;

  @ApiPropertyOptional({ example: 'product.updated', description: 'event type (routing key)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @NoNul()
  eventType?: string;

  @ApiPropertyOptional({ description: 'aggregate id (the CloudEvent subject)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @NoNul()
  subject?: string;
}
