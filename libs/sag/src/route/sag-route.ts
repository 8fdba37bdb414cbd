import type { TimelineEntry } from '../history';
import { committeeKey, isBusinessDate } from '../identity';
import type { TreatmentFacts } from '../treatment-view';
import { followRoute, isFinalDecision, type RouteTreatment, type RouteView } from './follow-route';
import { emptyCommitteeRegistry, resolveCommittee, withCommittee } from '../committee/registry';
import { isAbbreviation } from '../committee/naming';
import { mergedKeyOf, mergedRoute, NO_MERGES, type CommitteeMerges } from '../committee/merges';
import { routeInForce, type Route, type RouteSource, type RouteStop, type SagRoutedData } from './route-events';

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
export function sagRouteOf(
  timeline: readonly TimelineEntry[],
  versions: readonly SagRoutedData[],
  asOf: string | null,
  merges: CommitteeMerges = NO_MERGES,
): SagRoute {
  const inForce = routeInForce(versions, asOf);
  const route = inForce && mergedRoute(merges, resolvedBy(inForce, timeline));
  return {
    ...followRoute(timeline, route, mergedKeyOf(merges)),
    decidingBody: route?.decidingBodies[route.decidingBodies.length - 1] ?? null,
    sources: route?.sources ?? [],
    since: route?.effectiveDate ?? null,
  };
}

/**
 * Whether a decision settles the sag for good, on the sag as recorded up to
 * it (its timeline and route versions then): the route in force at its
 * meeting, resolved as sagRouteOf resolves it, and followRoute's rule.
 */
export function decidesForGood(timeline: readonly TimelineEntry[], versions: readonly SagRoutedData[], decision: RouteTreatment): boolean {
  const inForce = routeInForce(versions, decision.date);
  return isFinalDecision(timeline, inForce && resolvedBy(inForce, timeline), decision);
}

/** Where a sag is, for a list of sager: now, next and whether it is decided for good. */
export type RouteHeadline = Pick<RouteView, 'now' | 'next' | 'final'>;

export function routeHeadlineOf(
  facts: readonly TreatmentFacts[],
  versions: readonly SagRoutedData[],
  merges: CommitteeMerges = NO_MERGES,
): RouteHeadline {
  const inForce = routeInForce(versions, null);
  const route = inForce && mergedRoute(merges, resolvedBy(inForce, facts));
  const { now, next, final } = followRoute(facts.map(routeTreatmentOf), route, mergedKeyOf(merges));
  return { now, next, final };
}

/**
 * A document's abbreviation it could not resolve ("SSÆ" in JAI's minutes)
 * is resolved against the committees that treated the sag, whichever
 * document told of them first; one that still means none or two stays as printed.
 */
function resolvedBy<R extends Route>(route: R, treatedBy: readonly { readonly committee: string }[]): R {
  const open = (s: RouteStop) => isAbbreviation(s.committee) && s.committeeKey === committeeKey(s.committee);
  if (!route.via.some(open) && !route.decidingBodies.some(open)) return route;
  const registry = [...new Set(treatedBy.map((t) => t.committee))].reduce(withCommittee, emptyCommitteeRegistry(''));
  const resolve = (s: RouteStop): RouteStop => {
    const r = open(s) ? resolveCommittee(registry, s.committee) : null;
    return r?.kind === 'resolved' ? { committee: r.committee.name, committeeKey: r.key } : s;
  };
  return { ...route, via: route.via.map(resolve), decidingBodies: route.decidingBodies.map(resolve) };
}

/** A sag waiting for a committee: since its latest treatment, sent on from that treatment's committee. */
export interface PipelineEntry {
  readonly sagsnummer: string;
  readonly title: string | null;
  readonly status: string;
  readonly access: string;
  readonly since: string;
  readonly from: RouteStop | null;
  readonly next: RouteStop | null;
}

export function pipelineEntryOf(
  s: Pick<PipelineEntry, 'sagsnummer' | 'title' | 'status' | 'access' | 'next'> & {
    readonly lastDate: string;
    readonly now: RouteView['now'];
  },
): PipelineEntry {
  const from = s.now && { committee: s.now.committee, committeeKey: s.now.committeeKey };
  return { sagsnummer: s.sagsnummer, title: s.title, status: s.status, access: s.access, since: s.lastDate, from, next: s.next };
}

/** The latest recommendation's body, unless that body has decided since (other than to postpone). `sorted`: business order. */
export function recommendedOnwardTo(sorted: readonly TreatmentFacts[]): string | null {
  let latest = -1;
  sorted.forEach((r, i) => (latest = r.step === 'recommended' ? i : latest));
  const to = sorted[latest]?.recommendedTo ?? null;
  if (to === null) return null;
  const key = committeeKey(to);
  const decidedSince = sorted.slice(latest + 1).some((r) => r.step === 'decided' && r.outcome !== 'postponed' && r.committeeKey === key);
  return decidedSince ? null : to;
}

const DURATION = /^P(\d{1,4})([DWMY])$/;

/**
 * The day a duration (P90D, P12W, P3M, P1Y) before `today`: a sag not
 * decided for good and last treated before it has been stuck that long.
 * Null when `duration` is not one of those forms.
 */
export function staleCutoff(today: string, duration: string): string | null {
  const m = DURATION.exec(duration);
  if (!m || !isBusinessDate(today)) return null;
  const [n, unit] = [Number(m[1]), m[2]];
  const d = new Date(`${today}T00:00:00Z`);
  if (unit === 'D' || unit === 'W') d.setUTCDate(d.getUTCDate() - n * (unit === 'W' ? 7 : 1));
  else d.setUTCMonth(d.getUTCMonth() - n * (unit === 'Y' ? 12 : 1));
  return d.toISOString().slice(0, 10);
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
