import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

/** Exact-match criteria shared by the listing and a requeue by filter. */
export class DeadLetterFilterDto {
  @ApiPropertyOptional({ example: 'catalog.product', description: 'consumer queue' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  queue?: string;

  @ApiPropertyOptional({ example: 'product.updated', description: 'event type (topic)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  eventType?: string;

  @ApiPropertyOptional({ description: 'aggregate id (the CloudEvent subject)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  subject?: string;
}
