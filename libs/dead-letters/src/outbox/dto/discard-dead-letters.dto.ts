import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Length, Matches } from 'class-validator';
import { DEAD_LETTER_ID_MESSAGE, DEAD_LETTER_ID_PATTERN } from './dead-letter-id.param';

/** `POST /admin/outbox/dead-letters/discard`: give up on these rows for good, with a reason. */
export class OutboxDiscardDeadLettersDto {
  @ApiProperty({ type: [String], example: ['42'], minItems: 1, maxItems: 500 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @Matches(DEAD_LETTER_ID_PATTERN, { each: true, message: `each of ids ${DEAD_LETTER_ID_MESSAGE}` })
  ids!: string[];

  @ApiProperty({ example: 'event for a product deleted by hand; no consumer needs it' })
  @IsString()
  @Length(1, 500)
  reason!: string;
}
