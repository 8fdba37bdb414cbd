import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsIdentity, IsText } from '../sager/dto/validators';

/** POST /committees/{kommune}/merges: `alias` becomes an alias of `into`; both by name, key or abbreviation. */
export class CommitteeMergeDto {
  @ApiProperty({ example: 'Udvalget for Job & Arbejdsmarked', description: 'The committee that becomes an alias (not itself merged)' })
  @IsIdentity('committee')
  alias!: string;

  @ApiProperty({ example: 'Udvalget for Job, Arbejdsmarked og Integration', description: 'The committee it is one with from now on' })
  @IsIdentity('committee')
  into!: string;

  @ApiPropertyOptional({ example: 'Samme udvalg, nyt navn fra 2022', description: 'Why: kept with the merge' })
  @IsOptional()
  @IsText(2000)
  reason?: string;
}

/** POST /committees/{kommune}/splits: a merged alias is a committee of its own again. */
export class CommitteeSplitDto {
  @ApiProperty({ example: 'job og arbejdsmarked', description: 'The merged alias, by its key or name' })
  @IsIdentity('committee')
  alias!: string;

  @ApiPropertyOptional({ example: 'To forskellige udvalg' })
  @IsOptional()
  @IsText(2000)
  reason?: string;
}
