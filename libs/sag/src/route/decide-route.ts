import { InvalidCommandError } from '../errors';
import { committeeDisplayName, committeeKey, isBusinessDate, kommuneName, type SagId } from '../identity';
import type { SagState } from '../state';
import { EmptyRouteError, RepeatedStopError, UnknownSagError } from './route-errors';
import {
  ROUTE_EVENT_TYPES,
  routeInForce,
  sameRoute,
  type RouteSource,
  type RouteState,
  type RouteStop,
  type SagRouteEvent,
} from './route-events';

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
    /** The meeting date of the document it was read in; for a clerk, the day it is set. */
    effectiveDate: string;
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
  if (!isBusinessDate(d.effectiveDate))
    throw new InvalidCommandError('effectiveDate must be a real date written YYYY-MM-DD', 'effectiveDate');
  // A clerk changes the route as it is now; a document, the route as it was at its meeting.
  const byClerk = d.sources.some((s) => s.kind === 'clerk');
  const inForce = byClerk ? route.current : routeInForce(route.versions, d.effectiveDate);
  if (inForce && sameRoute(inForce, { via, decidingBodies })) return [];
  return [
    {
      type: ROUTE_EVENT_TYPES.routed,
      data: {
        kommune: sag.sag.kommune,
        sagsnummer: sag.sag.sagsnummer,
        via,
        decidingBodies,
        sources: d.sources.map((s) => ({ kind: s.kind, text: s.text.trim(), document: s.document?.trim() || null, line: s.line ?? null })),
        effectiveDate: d.effectiveDate,
      },
    },
  ];
}

function stops(inputs: readonly RouteStopInput[], field: string): RouteStop[] {
  if (!Array.isArray(inputs)) throw new InvalidCommandError(`${field} must be a list of committees`, field);
  const out: RouteStop[] = [];
  for (const input of inputs) {
    const committee = typeof input?.committee === 'string' ? committeeDisplayName(input.committee) : '';
    const key = input.committeeKey?.trim() || committeeKey(committee);
    if (!committee || !key) throw new InvalidCommandError(`every stop in ${field} must name a committee`, field);
    if (out.some((s) => s.committeeKey === key)) throw new RepeatedStopError(committee);
    out.push({ committee, committeeKey: key });
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
