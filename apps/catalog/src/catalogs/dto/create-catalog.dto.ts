import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';

export class CreateCatalogDto {
  @ApiProperty({ example: 'Autumn 2026' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: 'print', description: 'print, digital, or another lower-case medium' })
  @IsString()
  @Matches(/^[a-z][a-z0-9-]{1,31}$/, {
    message: 'medium must be a lower-case word such as print or digital',
  })
  medium!: string;
}
