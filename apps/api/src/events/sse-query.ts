import { AppError } from '@sagsspor/kernel';
import { parseEventFilter, type EventFilter } from '@sagsspor/integration-events';

export interface SseRequest {
  readonly filter: EventFilter;
  /** Exclusive; absent means "from now on". */
  readonly after: bigint | undefined;
}

export class InvalidPositionError extends AppError {
  constructor(field: string) {
    super(
      'events.invalid-position',
      'invalid',
      'Invalid position',
      `${field} must be a position received from this API (a whole number).`,
      { field },
    );
  }
}

export class UnknownQueryParameterError extends AppError {
  constructor(names: string[]) {
    super(
      'request.unknown-parameter',
      'invalid',
      'Unknown query parameter',
      `Unknown query parameter: ${names.join(', ')}. Known: types, kommune, committee, after.`,
      { parameters: names },
    );
  }
}

type QueryValue = string | string[] | undefined;
const KNOWN = new Set(['types', 'kommune', 'committee', 'after']);
const POSITION = /^\d{1,20}$/;
const MAX_POSITION = 2n ** 64n - 1n;

/**
 * `types` and `kommune` are comma-separated and may repeat; `committee` only
 * repeats (committee names hold commas: "Social, Sundhed & Ældre").
 * Last-Event-ID wins over `after`: a reconnecting EventSource resends the
 * original URL with the header set to the last id it saw.
 */
export function parseSseRequest(query: Record<string, unknown>, lastEventId: string | undefined): SseRequest {
  const unknown = Object.keys(query).filter((k) => !KNOWN.has(k));
  if (unknown.length > 0) throw new UnknownQueryParameterError(unknown);
  const filter = parseEventFilter({
    types: commaList(query['types'] as QueryValue),
    kommune: commaList(query['kommune'] as QueryValue),
    committee: repeated(query['committee'] as QueryValue),
  });
  if (lastEventId !== undefined && lastEventId.trim() !== '') return { filter, after: position(lastEventId.trim(), 'Last-Event-ID') };
  const after = query['after'] as QueryValue;
  if (after === undefined) return { filter, after: undefined };
  if (typeof after !== 'string') throw new InvalidPositionError('after');
  return { filter, after: position(after, 'after') };
}

function repeated(value: QueryValue): string[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

function commaList(value: QueryValue): string[] | undefined {
  return repeated(value)?.flatMap((v) => v.split(','));
}

function position(raw: string, field: string): bigint {
  if (!POSITION.test(raw)) throw new InvalidPositionError(field);
  const value = BigInt(raw);
  if (value > MAX_POSITION) throw new InvalidPositionError(field);
  return value;
}
