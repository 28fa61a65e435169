import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, NotContains } from 'class-validator';

/** The `:id` path parameter: an aggregate id, text PostgreSQL can store (no NUL). */
export class PurgeIdParam {
  @ApiProperty({ example: '3f2b8c1e-5d4a-4e7b-9c1d-2a6f8e0b7c35' })
  @IsString()
  @Length(1, 200)
  @NotContains('\u0000', { message: 'id must not contain a NUL character' })
  id!: string;
}
