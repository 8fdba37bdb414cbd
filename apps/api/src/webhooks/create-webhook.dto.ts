import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ALL_INTEGRATION_EVENT_TYPES } from '@sagsspor/integration-events';

/** Shape only; the webhook service validates the meaning (URL scheme, known types, kommune names). */
export class CreateWebhookDto {
  @ApiProperty({ example: 'https://example.org/hooks/sagsspor' })
  @IsString()
  @MaxLength(2048)
  url!: string;

  @ApiPropertyOptional({ enum: ALL_INTEGRATION_EVENT_TYPES, isArray: true, description: 'All types when absent' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  types?: string[];

  @ApiPropertyOptional({ example: ['Lejre'], description: 'All kommuner when absent' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  kommune?: string[];

  @ApiPropertyOptional({ example: ['Økonomiudvalget'], description: 'All committees when absent; matched without the electoral period' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  committee?: string[];

  @ApiPropertyOptional({
    enum: ['now', 'beginning'],
    description: 'now (default): events recorded from now on; beginning: the whole history first',
  })
  @IsOptional()
  @IsIn(['now', 'beginning'])
  start?: 'now' | 'beginning';
}
