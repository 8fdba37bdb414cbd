import type { TimelineEntry } from '../history';
import type { TreatmentFacts } from '../treatment-view';
import { followRoute, type RouteTreatment, type RouteView } from './follow-route';
import { routeInForce, type RouteSource, type RouteStop, type SagRoutedData } from './route-events';

/** A sag's route as readers show it: the route in force and where the sag is on it. */
export interface SagRoute extends RouteView {
  /** The body that decides for good (the last named when two are). */
  readonly decidingBody: RouteStop | null;
  /** Where the route in force was read or who set it; empty when no route is known. */
  readonly sources: readonly RouteSource[];
  /** The date the route in force holds from; null when no route is known. */
  readonly since: string | null;
}

/** The route of a sag's history, at a business date (null: today) when the history is cut there. */
export function sagRouteOf(timeline: readonly TimelineEntry[], versions: readonly SagRoutedData[], asOf: string | null): SagRoute {
  const route = routeInForce(versions, asOf);
  return {
    ...followRoute(timeline, route),
    decidingBody: route?.decidingBodies[route.decidingBodies.length - 1] ?? null,
    sources: route?.sources ?? [],
    since: route?.effectiveDate ?? null,
  };
}

/** Where a sag is, for a list of sager: now, next and whether it is decided for good. */
export type RouteHeadline = Pick<RouteView, 'now' | 'next' | 'final'>;

export function routeHeadlineOf(facts: readonly TreatmentFacts[], versions: readonly SagRoutedData[]): RouteHeadline {
  const { now, next, final } = followRoute(facts.map(routeTreatmentOf), routeInForce(versions, null));
  return { now, next, final };
}

function routeTreatmentOf(f: TreatmentFacts): RouteTreatment {
  return {
    committee: f.committee,
    date: f.meetingDate,
    item: f.item,
    kind: f.step,
    ...(f.outcome === null ? {} : { outcome: f.outcome }),
    ...(f.recommendedTo === null ? {} : { recommendedTo: f.recommendedTo }),
  };
}
