import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, ValidateNested } from 'class-validator';
import { OUTCOMES, type Access, type Outcome } from '@sagsspor/sag';
import { IsBusinessDate, IsIdentity, IsItem, IsText } from './validators';

const TEXT = 100_000;
const NAME = 300;

export class ProposalDto {
  @ApiProperty({ example: 'Status på kvartalsplaner' }) @IsText(NAME * 4) title!: string;
  @ApiPropertyOptional({ example: 'Direktionen' }) @IsOptional() @IsText(NAME) proposedBy?: string;
  @ApiProperty({ example: '1. at udvalget anbefaler planen' }) @IsText(TEXT) proposal!: string;
  @ApiPropertyOptional({ enum: ['open', 'closed'] }) @IsOptional() @IsIn(['open', 'closed']) access?: Access;
}

export class TreatmentDto {
  @ApiProperty({ example: 'Udvalget for Job, Arbejdsmarked og Integration - 2022-2025' }) @IsIdentity('committee') committee!: string;
  @ApiProperty({ example: '2024-02-07' }) @IsBusinessDate() meetingDate!: string;
  @ApiPropertyOptional({ example: 7 }) @IsOptional() @IsItem() item?: number;
}

export class ProposeDto extends TreatmentDto {
  @ApiProperty({ example: 'Status på kvartalsplaner' }) @IsText(NAME * 4) title!: string;
  @ApiPropertyOptional({ example: 'Direktionen' }) @IsOptional() @IsText(NAME) proposedBy?: string;
  @ApiProperty({ example: '1. at udvalget anbefaler planen' }) @IsText(TEXT) proposal!: string;
  @ApiPropertyOptional({ enum: ['open', 'closed'] }) @IsOptional() @IsIn(['open', 'closed']) access?: Access;
}

class WithInlineProposal extends TreatmentDto {
  @ApiPropertyOptional({ type: ProposalDto, description: 'Records the proposal in the same step, when not recorded before' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProposalDto)
  proposal?: ProposalDto;
}

export class RecommendDto extends WithInlineProposal {
  @ApiProperty({ example: 'Økonomiudvalget' }) @IsText(NAME) recommendedTo!: string;
  @ApiProperty({ example: 'Indstillingen anbefales' }) @IsText(TEXT) text!: string;
}

export class DecideDto extends WithInlineProposal {
  @ApiProperty({ enum: OUTCOMES }) @IsIn(OUTCOMES as unknown as string[]) outcome!: Outcome;
  @ApiProperty({ example: 'Godkendt' }) @IsText(TEXT) text!: string;
}

export class GenoptagDto extends WithInlineProposal {
  @ApiProperty({ example: 'Sagen genoptages fra mødet den 12. august 2019' }) @IsText(TEXT) reason!: string;
  @ApiPropertyOptional({ example: '2019-08-12', description: 'Meeting date of the postponed treatment' })
  @IsOptional()
  @IsBusinessDate()
  resumes?: string;
}
