import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { parseCut, type HistoryCut } from '@sagsspor/audit';

/** Query of GET /sager/{kommune}/{sagsnummer}: each cut at most once, nothing else. */
export class HistoryQueryDto {
  @ApiPropertyOptional({
    example: '2024-02-07',
    description: 'Business time: the sag after every treatment at meetings on or before this date (YYYY-MM-DD).',
  })
  @IsOptional()
  @IsString()
  asOf?: string;

  @ApiPropertyOptional({
    example: '2024-02-08T12:00:00Z',
    description:
      'Record time: only what the system had recorded by then — a global position (inclusive), or an ISO 8601 instant ' +
      'with Z or an offset (encode "+" as %2B). A time without a zone is refused as ambiguous.',
  })
  @IsOptional()
  @IsString()
  knownAt?: string;
}

/**
 * An unencoded "+01:00" arrives as " 01:00" (a "+" in a query means a space).
 * A space is never a valid offset sign, so reading it back as "+" guesses nothing.
 */
const PLUS_DECODED_AS_SPACE = / (\d{2}:\d{2})$/;

export function cutOf(query: HistoryQueryDto): HistoryCut {
  return parseCut({ asOf: query.asOf, knownAt: query.knownAt?.replace(PLUS_DECODED_AS_SPACE, '+$1') });
}
