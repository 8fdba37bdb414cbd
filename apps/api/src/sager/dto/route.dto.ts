import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional } from 'class-validator';
import { IsIdentity, IsText } from './validators';

/** PUT /sager/{kommune}/{sagsnummer}/route: a clerk's version of the route, committees by name, key or abbreviation. */
export class RouteDto {
  @ApiProperty({
    example: ['Teknik- og Miljøudvalget', 'Kultur- og Fritidsudvalget', 'ØU'],
    description: 'The planned stops in the order they are printed (not necessarily the order the committees meet); may be empty',
  })
  @IsArray()
  @ArrayMaxSize(30)
  @IsIdentity('committee', { each: true })
  via!: string[];

  @ApiPropertyOptional({ example: 'Byrådet', description: 'The body with the competence to decide; absent or null when not known' })
  @IsOptional()
  @IsIdentity('committee')
  decidingBody?: string | null;

  @ApiPropertyOptional({ example: 'TMU behandler ikke sagen', description: 'Why the route is set or changed: kept as its source' })
  @IsOptional()
  @IsText(2000)
  reason?: string;
}
