import { createHash } from 'node:crypto';
import { uuidFromHash } from '../event-id';

/**
 * A sag's planned route, recorded in its stream beside the treatments. Each
 * SagRouted event is a whole version of the route (a later document or a
 * clerk may change it); the latest one is the route, earlier ones are its
 * history. Kept out of the treatment union (SagEvent) so readers that know
 * only treatments keep reading; readers opt in with isRouteEventType.
 */
export interface RouteStop {
  /** As printed (or typed), without period. */
  readonly committee: string;
  /** The committee registry's key for it. */
  readonly committeeKey: string;
}

/** Where a route (or part of it) was read. */
export type RouteSourceKind = 'indstilling' | 'beslutningskompetence' | 'title-prefix' | 'sagsgang' | 'clerk';

export interface RouteSource {
  readonly kind: RouteSourceKind;
  /** The text the route was read from, as printed or typed. */
  readonly text: string;
  /** The document (its name or id) it came from; null for a clerk. */
  readonly document: string | null;
  /** 1-based line in that document, when known. */
  readonly line: number | null;
}

export interface SagRoutedData {
  readonly kommune: string;
  readonly sagsnummer: string;
  /** The planned stops in printed order, which need not be the order the committees meet. */
  readonly via: readonly RouteStop[];
  /** The body (or the two bodies) with the competence to decide; empty when not known. */
  readonly decidingBodies: readonly RouteStop[];
  readonly sources: readonly RouteSource[];
  /** The business date it holds from: the meeting of the document it was read in, or the day a clerk set it. */
  readonly effectiveDate: string;
}

export const ROUTE_EVENT_TYPES = { routed: 'SagRouted.v1' } as const;

export type SagRouted = { type: typeof ROUTE_EVENT_TYPES.routed; data: SagRoutedData };
export type SagRouteEvent = SagRouted;

export function isRouteEventType(type: string): type is SagRouteEvent['type'] {
  return type === ROUTE_EVENT_TYPES.routed;
}

/** A stored route event, or null for any other type. Route events enter a store only through decideRoute. */
export function decodeRouteEvent(type: string, data: unknown): SagRouteEvent | null {
  return isRouteEventType(type) ? ({ type, data } as SagRouteEvent) : null;
}

/**
 * A route event's id: the stream and how many versions came before, so a
 * retried command (decided on the same stream) yields the same id.
 */
export function routeEventIdOf(streamName: string, versionsBefore: number): string {
  return uuidFromHash(createHash('sha1').update(`${streamName}\u0000routed\u0000${versionsBefore}`, 'utf8').digest());
}

/** A route as the semantics read it. */
export interface Route {
  readonly via: readonly RouteStop[];
  readonly decidingBodies: readonly RouteStop[];
}

export interface RouteState {
  /** The route now: see routeInForce. */
  readonly current: SagRoutedData | null;
  /** Every version in recorded order. */
  readonly versions: readonly SagRoutedData[];
}

export const initialRouteState: RouteState = { current: null, versions: [] };

export function evolveRoute(state: RouteState, event: SagRouteEvent): RouteState {
  const versions = [...state.versions, event.data];
  return { current: routeInForce(versions, null), versions };
}

/**
 * The version in force at a business date (null: today): the one holding
 * from the latest date. On one date a clerk's latest word wins; among
 * documents, a fixed order of their content. When the same route was
 * printed again later, the earliest of that run is the one in force (it has
 * held since then): documents imported in any order give the same route.
 */
export function routeInForce(versions: readonly SagRoutedData[], asOf: string | null): SagRoutedData | null {
  const held = versions.filter((v) => asOf === null || v.effectiveDate <= asOf).sort(precedence);
  let i = held.length - 1;
  while (i > 0 && sameRoute(held[i - 1] as SagRoutedData, held[i] as SagRoutedData)) i -= 1;
  return held[i] ?? null;
}

/** Ascending: the last one holds. Stable, so clerks' versions of one date keep their recorded order. */
function precedence(a: SagRoutedData, b: SagRoutedData): number {
  if (a.effectiveDate !== b.effectiveDate) return a.effectiveDate < b.effectiveDate ? -1 : 1;
  if (byClerk(a) !== byClerk(b)) return byClerk(a) ? 1 : -1;
  if (byClerk(a)) return 0;
  const [x, y] = [stopsText(a), stopsText(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

const byClerk = (v: SagRoutedData): boolean => v.sources.some((s) => s.kind === 'clerk');
const stopsText = (v: Route): string =>
  [...v.via, { committee: '', committeeKey: '|' }, ...v.decidingBodies].map((s) => s.committeeKey).join('\u0000');

/** Same planned stops, in the same printed order, and the same deciding bodies. */
export function sameRoute(a: Route, b: Route): boolean {
  return stopsText(a) === stopsText(b);
}

export function foldRoute(events: Iterable<SagRouteEvent>, state: RouteState = initialRouteState): RouteState {
  let s = state;
  for (const e of events) s = evolveRoute(s, e);
  return s;
}
