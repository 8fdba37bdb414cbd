import { splitBodies, type ParsedItem, type ParsedMinutes, type RouteLine } from '@sagsspor/referat';
import {
  committeeKey,
  emptyCommitteeRegistry,
  isAbbreviation,
  ownAbbreviation,
  resolveCommittee,
  titlePrefixAbbreviations,
  withAbbreviationUsage,
  withCommittee,
  type CommitteeRegistry,
  type RecordRoute,
  type RouteSource,
  type RouteStopInput,
  type SagId,
} from '@sagsspor/sag';

/**
 * The route an item names, read with the domain's rules (libs/sag): the
 * planned stops in printed order from the proposal's "indstiller til X via
 * A, B og C", a title prefix "SSÆ/BU/JAI - ..." and "Forventet sagsgang" /
 * "Sagsforløb:" lines; the deciding body from "Beslutningskompetence" (else
 * the proposal). Names are resolved against what this document alone knows,
 * so importing documents in any order reads each the same way; an
 * abbreviation it cannot resolve is kept as printed (the sag's route
 * resolves it against the committees that treated the sag) and reported.
 */
export interface ItemRoute {
  readonly via: readonly RouteStopInput[];
  readonly decidingBodies: readonly RouteStopInput[];
  readonly sources: readonly RouteSource[];
}

export interface RouteNote {
  readonly line: number;
  readonly message: string;
}

/** "Kompetence: Økonomiudvalget og Byrådet" names two at most. */
const MAX_DECIDING_BODIES = 2;
const ABBREVIATION_LIST = /\s*(?:,|\/|\bog\b|→|->|–|-)\s*/u;

/** The committees this document names: its own (with its period and the abbreviation its items carry) and every other. */
export function documentRegistry(doc: ParsedMinutes): CommitteeRegistry {
  const own = doc.committee.period ? `${doc.committee.name} - ${doc.committee.period}` : doc.committee.name;
  const named = new Set<string>([own]);
  for (const item of doc.items) {
    for (const d of item.decisions) if (d.committee) named.add(d.committee);
    for (const h of item.history) named.add(h.committee);
    for (const body of [...item.route, ...(item.decidingBody ? bodiesIn(item.decidingBody) : [])]) named.add(body);
  }
  const registry = [...named].filter((n) => !isAbbreviation(n)).reduce(withCommittee, emptyCommitteeRegistry(doc.kommune ?? ''));
  const abbreviation = ownAbbreviation(doc.items.map((i) => i.title));
  return abbreviation ? withAbbreviationUsage(registry, abbreviation, own) : registry;
}

/** The item's route as a command (null when the item names none), and what could not be resolved. */
export function planRoute(
  item: ParsedItem,
  doc: ParsedMinutes,
  registry: CommitteeRegistry,
  sag: SagId,
  document: string,
): { command: RecordRoute | null; notes: RouteNote[] } {
  const notes: RouteNote[] = [];
  const sources: RouteSource[] = [];
  const stop = (name: string, line: number): RouteStopInput => {
    if (!isAbbreviation(name)) return { committee: name };
    const r = resolveCommittee(registry, name);
    if (r.kind === 'resolved') return { committee: r.committee.name, committeeKey: r.key };
    const why = r.kind === 'ambiguous' ? `could mean ${r.candidates.join(' or ')}` : 'names no committee this document knows';
    notes.push({ line, message: `Route: "${name}" ${why}; kept as printed, resolved when that committee's treatments are known.` });
    return { committee: name };
  };
  const via: RouteStopInput[] = [];
  const lines = item.routeLines;
  const indstilling = lines.find((l) => l.kind === 'indstilling');
  if (item.route.length > 0 && indstilling) {
    via.push(...item.route.map((n) => stop(n, indstilling.line)));
    sources.push(source(indstilling, document));
  }
  // One abbreviation alone is how a committee labels its own items ("JAI - Orientering"): no plan.
  const prefix = titlePrefixAbbreviations(item.title);
  if (prefix.length > 1) {
    via.push(...prefix.map((a) => stop(a, item.line)));
    sources.push({ kind: 'title-prefix', text: item.title, document, line: item.line });
  }
  for (const plan of lines.filter((l) => l.kind === 'sagsgang')) {
    via.push(...bodiesIn(plan.text).map((n) => stop(n, plan.line)));
    sources.push(source(plan, document));
  }
  const competence = lines.find((l) => l.kind === 'beslutningskompetence');
  const decidingLine = competence ?? (item.decidingBody ? indstilling : undefined);
  let deciding = decidingLine && item.decidingBody ? bodiesIn(item.decidingBody).map((n) => stop(n, decidingLine.line)) : [];
  if (decidingLine && deciding.length > 0) sources.push(source(decidingLine, document));
  if (deciding.length > MAX_DECIDING_BODIES && decidingLine) {
    notes.push({
      line: decidingLine.line,
      message: `Route: more than ${MAX_DECIDING_BODIES} deciding bodies named; the last two are kept.`,
    });
    deciding = deciding.slice(-MAX_DECIDING_BODIES);
  }
  const decidingKeys = new Set(deciding.map(keyOf));
  const stops = unique(via).filter((s) => !decidingKeys.has(keyOf(s)));
  if (stops.length === 0 && deciding.length === 0) return { command: null, notes };
  const data = { sag, via: stops, decidingBodies: unique(deciding), sources: uniqueSources(sources), effectiveDate: doc.meeting.date };
  return { command: { type: 'RecordRoute', data }, notes };
}

/** "Økonomiudvalget og Byrådet", "A samt B", "ØU/KB", "TM, ØU og BY": the bodies, as printed. */
function bodiesIn(printed: string): string[] {
  const text = printed.replace(/\s+samt\s+/giu, ', ');
  const parts = text
    .split(ABBREVIATION_LIST)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  return parts.length > 0 && parts.every(isAbbreviation) ? parts : splitBodies(text);
}

const keyOf = (s: RouteStopInput): string => s.committeeKey ?? committeeKey(s.committee);

function unique(stops: readonly RouteStopInput[]): RouteStopInput[] {
  const seen = new Set<string>();
  return stops.filter((s) => !seen.has(keyOf(s)) && seen.add(keyOf(s)) !== undefined);
}

function source(line: RouteLine, document: string): RouteSource {
  return { kind: line.kind, text: line.text, document, line: line.line };
}

function uniqueSources(sources: readonly RouteSource[]): RouteSource[] {
  return sources.filter((s, i) => sources.findIndex((o) => o.kind === s.kind && o.line === s.line) === i);
}
