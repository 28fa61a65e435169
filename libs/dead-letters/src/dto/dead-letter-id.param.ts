import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

/** Row ids are bigints, carried as decimal strings so no precision is lost in JSON. */
export const DEAD_LETTER_ID_PATTERN = /^[1-9][0-9]{0,17}$/;
export const DEAD_LETTER_ID_MESSAGE = 'must be a dead-letter id (a positive integer, as a string)';

/** The `:id` path parameter. */
export class DeadLetterIdParam {
  @ApiProperty({ example: '42' })
  @Matches(DEAD_LETTER_ID_PATTERN, { message: `id ${DEAD_LETTER_ID_MESSAGE}` })
  id!: string;
}
