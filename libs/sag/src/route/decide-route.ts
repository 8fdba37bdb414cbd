import { committeeIdentityKey } from '../committee/naming';
import { InvalidCommandError } from '../errors';
import { committeeDisplayName, kommuneName, type SagId } from '../identity';
import type { SagState } from '../state';
import { EmptyRouteError, RepeatedStopError, UnknownSagError } from './route-errors';
import { ROUTE_EVENT_TYPES, type RouteSource, type RouteState, type RouteStop, type SagRouteEvent } from './route-events';

export interface RouteStopInput {
  readonly committee: string;
  /** The registry's key when the caller resolved the name (an abbreviation, say); else derived from the name. */
  readonly committeeKey?: string;
}

export type RecordRoute = {
  type: 'RecordRoute';
  data: {
    sag: SagId;
    via: readonly RouteStopInput[];
    decidingBodies: readonly RouteStopInput[];
    sources: readonly RouteSource[];
  };
};

const SOURCE_KINDS: ReadonlySet<string> = new Set(['indstilling', 'beslutningskompetence', 'title-prefix', 'sagsgang', 'clerk']);
/** "Kompetence: Økonomiudvalget og Byrådet" names two at most. */
const MAX_DECIDING_BODIES = 2;

/**
 * decideRoute(command, sag, route) → the SagRouted event that records a new
 * version of the route, or nothing when the route is already so. Pure.
 */
export function decideRoute(command: RecordRoute, sag: SagState, route: RouteState): SagRouteEvent[] {
  const d = command.data;
  if (!sag.sag) throw new UnknownSagError(kommuneName(d.sag.kommune), d.sag.sagsnummer);
  const via = stops(d.via, 'via');
  const decidingBodies = stops(d.decidingBodies, 'decidingBodies');
  if (via.length === 0 && decidingBodies.length === 0) throw new EmptyRouteError();
  if (decidingBodies.length > MAX_DECIDING_BODIES) {
    throw new InvalidCommandError(`a route names at most ${MAX_DECIDING_BODIES} deciding bodies`, 'decidingBodies');
  }
  validateSources(d.sources);
  const current = route.current;
  if (current && sameStops(current.via, via) && sameStops(current.decidingBodies, decidingBodies)) return [];
  return [
    {
      type: ROUTE_EVENT_TYPES.routed,
      data: {
        kommune: sag.sag.kommune,
        sagsnummer: sag.sag.sagsnummer,
        via,
        decidingBodies,
        sources: d.sources.map((s) => ({ kind: s.kind, text: s.text.trim(), document: s.document?.trim() || null, line: s.line ?? null })),
      },
    },
  ];
}

function stops(inputs: readonly RouteStopInput[], field: string): RouteStop[] {
  if (!Array.isArray(inputs)) throw new InvalidCommandError(`${field} must be a list of committees`, field);
  const out: RouteStop[] = [];
  for (const input of inputs) {
    const committee = typeof input?.committee === 'string' ? committeeDisplayName(input.committee) : '';
    const committeeKey = input.committeeKey?.trim() || committeeIdentityKey(committee);
    if (!committee || !committeeKey) throw new InvalidCommandError(`every stop in ${field} must name a committee`, field);
    if (out.some((s) => s.committeeKey === committeeKey)) throw new RepeatedStopError(committee);
    out.push({ committee, committeeKey });
  }
  return out;
}

function validateSources(sources: readonly RouteSource[]): void {
  if (!Array.isArray(sources) || sources.length === 0)
    throw new InvalidCommandError('a route needs the source it was read from', 'sources');
  for (const s of sources) {
    if (!SOURCE_KINDS.has(s.kind)) throw new InvalidCommandError(`source kind must be one of ${[...SOURCE_KINDS].join(', ')}`, 'sources');
    if (typeof s.text !== 'string' || s.text.trim() === '') throw new InvalidCommandError('every source needs its text', 'sources');
    if (s.line != null && !(Number.isSafeInteger(s.line) && s.line >= 1)) {
      throw new InvalidCommandError('a source line is a whole number from 1', 'sources');
    }
  }
}

const sameStops = (a: readonly RouteStop[], b: readonly RouteStop[]): boolean =>
  a.length === b.length && a.every((s, i) => s.committeeKey === b[i]?.committeeKey);
