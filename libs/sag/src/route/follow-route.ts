import { storedCommitteeKey } from '../identity';
import type { Outcome, Step } from '../events';
import type { Route, RouteStop } from './route-events';

/**
 * Where a sag is on its route, answered from its treatments and its planned
 * route alone, so the read models, the API and the importer give the same
 * answers. A timeline entry is a RouteTreatment.
 */
export interface RouteTreatment {
  readonly committee: string;
  readonly date: string;
  readonly item: number | null;
  readonly kind: Step;
  readonly outcome?: Outcome;
  readonly recommendedTo?: string;
}

/** Maps a printed committee name to its registry key; the registry's resolve, or the spelling rule alone. */
export type CommitteeKeyOf = (committee: string) => string;

export interface Visit {
  readonly committee: string;
  readonly committeeKey: string;
  readonly date: string;
  readonly item: number | null;
  /** The furthest step recorded at this treatment. */
  readonly kind: Step;
  readonly outcome: Outcome | null;
}

export interface RouteView {
  readonly via: readonly RouteStop[];
  readonly decidingBodies: readonly RouteStop[];
  /** One entry per treatment, in meeting-date order. */
  readonly visited: readonly Visit[];
  readonly now: { readonly committee: string; readonly committeeKey: string; readonly date: string } | null;
  readonly next: RouteStop | null;
  /** Planned stops (printed order) with no treatment yet. */
  readonly pending: readonly RouteStop[];
  /** Committees that treated the sag without being planned, in order of first treatment; none when nothing is planned. */
  readonly extra: readonly RouteStop[];
  /** Planned stops never treated when the final decision came. */
  readonly skipped: readonly RouteStop[];
  readonly final: boolean;
}

/**
 * Outcomes that settle a sag when the deciding body reaches them. A
 * discussion or a postponement leaves it open, and "other" is wording no
 * class was found for: calling that final would tell a reader it is over.
 */
const FINAL_OUTCOMES: ReadonlySet<Outcome> = new Set<Outcome>(['approved', 'rejected', 'noted']);
const STEP_RANK: Record<Step, number> = { proposed: 0, genoptaget: 1, recommended: 2, decided: 2 };
const NO_ROUTE: Route = { via: [], decidingBodies: [] };

export function followRoute(
  treatments: readonly RouteTreatment[],
  route: Route | null,
  keyOf: CommitteeKeyOf = storedCommitteeKey,
): RouteView {
  const planned = route ?? NO_ROUTE;
  const visited = visitsOf(treatments, keyOf);
  const deciding = decidingBodiesOf(planned, treatments, keyOf);
  const finalVisit = visited.find((v) => settles(v, deciding));
  const visitedKeys = new Set(visited.map((v) => v.committeeKey));
  const plannedKeys = new Set([...planned.via, ...planned.decidingBodies].map((s) => s.committeeKey));
  const last = visited[visited.length - 1];
  return {
    via: planned.via,
    decidingBodies: planned.decidingBodies,
    visited,
    now: last ? { committee: last.committee, committeeKey: last.committeeKey, date: last.date } : null,
    next: finalVisit ? null : nextStop(planned.via, deciding, visitedKeys),
    pending: planned.via.filter((s) => !visitedKeys.has(s.committeeKey)),
    extra: plannedKeys.size === 0 ? [] : uniqueStops(visited.filter((v) => !plannedKeys.has(v.committeeKey))),
    skipped: finalVisit
      ? planned.via.filter((s) => !visited.some((v) => v.committeeKey === s.committeeKey && v.date <= finalVisit.date))
      : [],
    final: finalVisit !== undefined,
  };
}

/**
 * Where a committee's recommendation at a meeting goes: the deciding body
 * when one is known (the first of two that has not yet decided), else the
 * first planned stop in printed order that had not treated the sag before
 * that meeting. Never the recommending committee itself; null when the
 * route does not say.
 */
export function recommendationTarget(
  route: Route | null,
  treatments: readonly RouteTreatment[],
  at: { readonly committee: string; readonly date: string },
  keyOf: CommitteeKeyOf = storedCommitteeKey,
): RouteStop | null {
  const planned = route ?? NO_ROUTE;
  const self = keyOf(at.committee);
  const before = visitsOf(treatments, keyOf).filter((v) => v.date < at.date);
  const decidedBefore = (s: RouteStop) => before.some((v) => v.committeeKey === s.committeeKey && v.kind === 'decided' && isFinal(v));
  const deciding = planned.decidingBodies.find((s) => s.committeeKey !== self && !decidedBefore(s));
  if (deciding) return deciding;
  const treatedBefore = new Set(before.map((v) => v.committeeKey));
  return planned.via.find((s) => s.committeeKey !== self && !treatedBefore.has(s.committeeKey)) ?? null;
}

/**
 * Whether a decision settles the sag for good, by the same rule as
 * followRoute's `final`, on what was known when it was taken: the sag's
 * treatments up to and including it, and the route in force then.
 */
export function isFinalDecision(
  treatments: readonly RouteTreatment[],
  route: Route | null,
  decision: RouteTreatment,
  keyOf: CommitteeKeyOf = storedCommitteeKey,
): boolean {
  const upTo = treatments.filter((t) => compare(t, decision) <= 0);
  const [own] = visitsOf([decision], keyOf);
  return own !== undefined && settles(own, decidingBodiesOf(route ?? NO_ROUTE, upTo, keyOf));
}

/** A final outcome by a deciding body. */
function settles(v: Visit, deciding: readonly RouteStop[]): boolean {
  return v.kind === 'decided' && isFinal(v) && deciding.some((b) => b.committeeKey === v.committeeKey);
}

/** The route's deciding bodies; with none known, the body the sag was last recommended to. */
function decidingBodiesOf(planned: Route, treatments: readonly RouteTreatment[], keyOf: CommitteeKeyOf): readonly RouteStop[] {
  return planned.decidingBodies.length > 0 ? planned.decidingBodies : lastRecommendationTarget(treatments, keyOf);
}

function nextStop(via: readonly RouteStop[], deciding: readonly RouteStop[], visited: ReadonlySet<string>): RouteStop | null {
  return (
    via.find((s) => !visited.has(s.committeeKey)) ??
    deciding.find((s) => !visited.has(s.committeeKey)) ??
    deciding[deciding.length - 1] ??
    null
  );
}

/** With no deciding body known, the body the sag was last recommended to is where it is going. */
function lastRecommendationTarget(treatments: readonly RouteTreatment[], keyOf: CommitteeKeyOf): RouteStop[] {
  const recommendations = treatments.filter((t) => t.kind === 'recommended' && t.recommendedTo);
  const last = [...recommendations].sort((a, b) => compare(a, b))[recommendations.length - 1];
  const to = last?.recommendedTo?.trim();
  return to ? [{ committee: to, committeeKey: keyOf(to) }] : [];
}

function isFinal(v: Visit): boolean {
  return v.outcome !== null && FINAL_OUTCOMES.has(v.outcome);
}

/** The treatments, one per committee, meeting and item, in meeting-date order. */
function visitsOf(treatments: readonly RouteTreatment[], keyOf: CommitteeKeyOf): Visit[] {
  const byTreatment = new Map<string, Visit>();
  for (const t of [...treatments].sort(compare)) {
    const committeeKey = keyOf(t.committee);
    const id = `${committeeKey}\u0000${t.date}\u0000${t.item ?? ''}`;
    const seen = byTreatment.get(id);
    if (seen && STEP_RANK[seen.kind] > STEP_RANK[t.kind]) continue;
    byTreatment.set(id, {
      committee: seen?.committee ?? t.committee,
      committeeKey,
      date: t.date,
      item: t.item,
      kind: t.kind,
      outcome: t.kind === 'decided' ? (t.outcome ?? null) : (seen?.outcome ?? null),
    });
  }
  return [...byTreatment.values()];
}

function compare(a: RouteTreatment, b: RouteTreatment): number {
  return (
    cmp(a.date, b.date) ||
    cmp(a.item ?? Number.MAX_SAFE_INTEGER, b.item ?? Number.MAX_SAFE_INTEGER) ||
    STEP_RANK[a.kind] - STEP_RANK[b.kind]
  );
}

function cmp<T extends string | number>(a: T, b: T): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function uniqueStops(visits: readonly Visit[]): RouteStop[] {
  const out: RouteStop[] = [];
  for (const v of visits)
    if (!out.some((s) => s.committeeKey === v.committeeKey)) out.push({ committee: v.committee, committeeKey: v.committeeKey });
  return out;
}
