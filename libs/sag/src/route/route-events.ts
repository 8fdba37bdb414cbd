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
}

export const ROUTE_EVENT_TYPES = { routed: 'SagRouted.v1' } as const;

export type SagRouted = { type: typeof ROUTE_EVENT_TYPES.routed; data: SagRoutedData };
export type SagRouteEvent = SagRouted;

export function isRouteEventType(type: string): type is SagRouteEvent['type'] {
  return type === ROUTE_EVENT_TYPES.routed;
}

/** A route as the semantics read it. */
export interface Route {
  readonly via: readonly RouteStop[];
  readonly decidingBodies: readonly RouteStop[];
}

export interface RouteState {
  /** The route now: the latest version recorded. */
  readonly current: SagRoutedData | null;
  /** Every version in recorded order, the current one last. */
  readonly versions: readonly SagRoutedData[];
}

export const initialRouteState: RouteState = { current: null, versions: [] };

export function evolveRoute(state: RouteState, event: SagRouteEvent): RouteState {
  return { current: event.data, versions: [...state.versions, event.data] };
}

export function foldRoute(events: Iterable<SagRouteEvent>, state: RouteState = initialRouteState): RouteState {
  let s = state;
  for (const e of events) s = evolveRoute(s, e);
  return s;
}
