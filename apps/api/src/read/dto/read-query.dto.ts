import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { DECISION_OUTCOMES, MAX_LIMIT, SAG_STATUSES } from '@sagsspor/read-model';
import { IsBusinessDate, IsIdentity, IsText } from '../../sager/dto/validators';

/**
 * Query strings of the read routes. Every value must be one plain string:
 * an array (?kommune=a&kommune=b), an object or an operator (?kommune[$gt]=)
 * is refused with 400 (unknown keys are forbidden by the global pipe) and
 * never reaches a store. Limits and cursors are checked again by the read
 * model, which the CLI shares.
 */
const LIMIT = /^\d{1,6}$/;
const CURSOR = /^[A-Za-z0-9_-]{1,1024}$/;
const STALE = /^P\d{1,4}[DWMY]$/;
const limitDoc = { description: `Page size, 1-${MAX_LIMIT} (default 50)`, example: '50' };
const cursorDoc = { description: 'nextCursor of the previous page' };

class Paged {
  @ApiPropertyOptional(limitDoc)
  @IsOptional()
  @Matches(LIMIT, { message: `limit must be a whole number from 1 to ${MAX_LIMIT}` })
  limit?: string;
  @ApiPropertyOptional(cursorDoc) @IsOptional() @Matches(CURSOR, { message: 'cursor must be a nextCursor from this API' }) cursor?: string;
}

class DateRange extends Paged {
  @ApiPropertyOptional({ example: '2024-01-01' }) @IsOptional() @IsBusinessDate() from?: string;
  @ApiPropertyOptional({ example: '2024-12-31' }) @IsOptional() @IsBusinessDate() to?: string;
}

export class ListSagerQueryDto extends DateRange {
  @ApiProperty({ example: 'Lejre', description: 'Case-insensitive, with or without " Kommune"' }) @IsIdentity('kommune') kommune!: string;
  @ApiPropertyOptional({ example: 'Økonomiudvalget', description: 'Sager this committee treated (any spelling of its name)' })
  @IsOptional()
  @IsIdentity('committee')
  committee?: string;
  @ApiPropertyOptional({ enum: SAG_STATUSES }) @IsOptional() @IsIn(SAG_STATUSES as string[]) status?: string;
  @ApiPropertyOptional({
    example: 'budget',
    description:
      'Text in any item title the sag was treated under (closed items only for readers of closed items) or in the sag number (case-insensitive)',
  })
  @IsOptional()
  @IsText(200)
  q?: string;
  @ApiPropertyOptional({ example: 'økonomiudvalget', description: 'Sager going to this committee next (key or any spelling)' })
  @IsOptional()
  @IsIdentity('committee')
  next?: string;
  @ApiPropertyOptional({ example: 'P90D', description: 'Not decided for good and not treated for this long (P<n>D, W, M or Y)' })
  @IsOptional()
  @Matches(STALE, { message: 'stale must be a duration such as P90D, P12W, P3M or P1Y' })
  stale?: string;
}

/** The sager waiting for one committee, newest first. */
export class PipelineQueryDto extends Paged {
  @ApiPropertyOptional({ example: 'P90D', description: 'Only those not treated for this long' })
  @IsOptional()
  @Matches(STALE, { message: 'stale must be a duration such as P90D, P12W, P3M or P1Y' })
  stale?: string;
}

export class KommuneQueryDto {
  @ApiProperty({ example: 'Lejre' }) @IsIdentity('kommune') kommune!: string;
}

export class MeetingsQueryDto extends DateRange {}

export class ListDecisionsQueryDto extends DateRange {
  @ApiProperty({ example: 'Lejre' }) @IsIdentity('kommune') kommune!: string;
  @ApiPropertyOptional({ example: 'Økonomiudvalget' }) @IsOptional() @IsIdentity('committee') committee?: string;
  @ApiPropertyOptional({ enum: DECISION_OUTCOMES, description: "A decision's outcome, or recommended" })
  @IsOptional()
  @IsIn(DECISION_OUTCOMES as string[])
  outcome?: string;
}
