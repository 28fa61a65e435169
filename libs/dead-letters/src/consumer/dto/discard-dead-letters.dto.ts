import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsInt,
  IsString,
  Length,
  Min,
} from 'class-validator';

export class DiscardDeadLettersDto {
  @ApiProperty({ type: [Number], example: [17] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(500)
  @IsInt({ each: true })
  @Min(1, { each: true })
  ids!: number[];

  @ApiProperty({ example: 'test event published by mistake' })
  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class DiscardResultDto {
  @ApiProperty() discarded!: number;
  @ApiProperty({ description: 'ids that are unknown or not parked' }) skipped!: number;
}
