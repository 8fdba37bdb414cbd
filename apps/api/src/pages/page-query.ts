import { IsOptional, IsString } from 'class-validator';

/**
 * Query strings of the pages. A form sends every field, the empty ones as
 * "": those mean "not set". Only strings pass here (an array or an object is
 * a 400); their rules (lengths, dates, statuses) are the read side's own,
 * applied where the API applies them.
 */
export class SearchPageQuery {
  @IsOptional() @IsString() kommune?: string;
  @IsOptional() @IsString() q?: string;
  @IsOptional() @IsString() committee?: string;
  @IsOptional() @IsString() status?: string;
  @IsOptional() @IsString() next?: string;
  @IsOptional() @IsString() from?: string;
  @IsOptional() @IsString() to?: string;
  @IsOptional() @IsString() cursor?: string;
}

export class SagPageQuery {
  @IsOptional() @IsString() asOf?: string;
  @IsOptional() @IsString() knownAt?: string;
}

export class CommitteePageQuery {
  @IsOptional() @IsString() from?: string;
  @IsOptional() @IsString() to?: string;
  @IsOptional() @IsString() cursor?: string;
}

/** The set fields only, blanks dropped: what the read side's queries take. */
export function setFields<T extends object>(query: T): { [K in keyof T]?: string } {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) if (typeof v === 'string' && v.trim() !== '') out[k] = v;
  return out as { [K in keyof T]?: string };
}
