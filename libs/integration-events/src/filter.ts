import { AppError } from '@sagsspor/kernel';
import { committeeKey, identityProblem, kommuneKey } from '@sagsspor/sag';
import { cachedKommuneKey } from './kommune-key';
import {
  ALL_INTEGRATION_EVENT_TYPES,
  INTEGRATION_EVENT_TYPES,
  isIntegrationEventType,
  type IntegrationEventType,
  type SagIntegrationEvent,
} from './contract';

/** A filter as a client writes it; an absent list means "all". */
export interface EventFilterSpec {
  readonly types?: readonly string[] | null;
  readonly kommune?: readonly string[] | null;
  readonly committee?: readonly string[] | null;
}

/** A validated filter, compared on the same keys the domain identifies by. */
export interface EventFilter {
  readonly types: ReadonlySet<IntegrationEventType> | null;
  readonly kommuneKeys: ReadonlySet<string> | null;
  readonly committeeKeys: ReadonlySet<string> | null;
}

export const MATCH_ALL: EventFilter = { types: null, kommuneKeys: null, committeeKeys: null };

const MAX_VALUES = 50;
/** Control characters: never part of a name, and trouble in logs and headers. */
const hasControl = (value: string): boolean => [...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

/** A full type name, or its short name ("decided" for dk.sagsspor.sag.decided.v1). */
function eventTypeOf(value: string): IntegrationEventType | null {
  if (isIntegrationEventType(value)) return value;
  return Object.hasOwn(INTEGRATION_EVENT_TYPES, value) ? INTEGRATION_EVENT_TYPES[value as keyof typeof INTEGRATION_EVENT_TYPES] : null;
}

export class InvalidEventFilterError extends AppError {
  constructor(field: string, detail: string) {
    super('events.invalid-filter', 'invalid', 'Invalid event filter', detail, { field });
  }
}

/** Throws InvalidEventFilterError (400) naming the first bad value. */
export function parseEventFilter(spec: EventFilterSpec): EventFilter {
  return {
    types: values('types', spec.types, (v) => {
      const type = eventTypeOf(v);
      if (type === null) {
        const known = `${Object.keys(INTEGRATION_EVENT_TYPES).join(', ')} (or in full: ${ALL_INTEGRATION_EVENT_TYPES.join(', ')})`;
        throw new InvalidEventFilterError('types', `Unknown event type "${v}"; known types: ${known}.`);
      }
      return type;
    }),
    kommuneKeys: values('kommune', spec.kommune, (v) => {
      const problem = hasControl(v) ? 'kommune must not contain control characters' : identityProblem('kommune', v);
      if (problem) throw new InvalidEventFilterError('kommune', `"${v}": ${problem}.`);
      return kommuneKey(v);
    }),
    committeeKeys: values('committee', spec.committee, (v) => {
      const problem = hasControl(v) ? 'committee must not contain control characters' : identityProblem('committee', v);
      if (problem) throw new InvalidEventFilterError('committee', `"${v.slice(0, 100)}": ${problem}.`);
      return committeeKey(v);
    }),
  };
}

function values<T>(field: string, list: readonly string[] | null | undefined, parse: (value: string) => T): ReadonlySet<T> | null {
  if (list === undefined || list === null) return null;
  if (list.length === 0) throw new InvalidEventFilterError(field, `${field} must name at least one value when given.`);
  if (list.length > MAX_VALUES) throw new InvalidEventFilterError(field, `${field} may name at most ${MAX_VALUES} values.`);
  return new Set(
    list.map((raw) => {
      if (typeof raw !== 'string' || raw.trim() === '') throw new InvalidEventFilterError(field, `${field} values must be non-empty text.`);
      return parse(raw.trim());
    }),
  );
}

export function matchesFilter(filter: EventFilter, event: SagIntegrationEvent): boolean {
  return (
    (filter.types === null || filter.types.has(event.type)) &&
    (filter.kommuneKeys === null || filter.kommuneKeys.has(cachedKommuneKey(event.data.kommune))) &&
    (filter.committeeKeys === null || committeeKeysOf(event).some((k) => filter.committeeKeys?.has(k)))
  );
}

/** The committee a treatment's event is about; every committee a route version names. */
function committeeKeysOf(event: SagIntegrationEvent): readonly string[] {
  const d = event.data;
  return 'committeeKey' in d ? [d.committeeKey] : [...d.via, ...d.decidingBodies].map((s) => s.committeeKey);
}
