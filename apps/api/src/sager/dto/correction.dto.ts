import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, IsUUID, ValidateIf, ValidateNested } from 'class-validator';
import { OUTCOMES, type Access, type Outcome } from '@sagsspor/sag';
import { IsItem, IsText } from './validators';

const TEXT = 100_000;
const NAME = 300;

/** What a correction replaces; each field only on a record of a step that has it (the domain says which). */
export class TreatmentChangesDto {
  @ApiPropertyOptional({ example: 8 }) @IsOptional() @ValidateIf((_o, v) => v !== null) @IsItem() item?: number | null;
  @ApiPropertyOptional({ description: "An outcome's wording" }) @IsOptional() @IsText(TEXT) text?: string;
  @ApiPropertyOptional({ enum: OUTCOMES }) @IsOptional() @IsIn(OUTCOMES as unknown as string[]) outcome?: Outcome;
  @ApiPropertyOptional({ example: 'Byrådet' }) @IsOptional() @IsText(NAME) recommendedTo?: string;
  @ApiPropertyOptional() @IsOptional() @IsText(NAME * 4) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() proposal?: string;
  @ApiPropertyOptional() @IsOptional() @ValidateIf((_o, v) => v !== null) @IsText(NAME) proposedBy?: string | null;
  @ApiPropertyOptional({ enum: ['open', 'closed'] }) @IsOptional() @IsIn(['open', 'closed']) access?: Access;
  @ApiPropertyOptional({ description: "A genoptagelse's reason" }) @IsOptional() @IsText(TEXT) reason?: string;
}

export class CorrectionDto {
  @ApiProperty({ description: "The id of the current record to correct (a timeline entry's provenance.eventId)" })
  @IsUUID()
  corrects!: string;

  @ApiProperty({ example: 'Forkert beslutning indtastet; rettet efter referatet' })
  @IsText(TEXT)
  reason!: string;

  @ApiProperty({ type: TreatmentChangesDto })
  @IsObject()
  @ValidateNested()
  @Type(() => TreatmentChangesDto)
  changes!: TreatmentChangesDto;
}
