import { capitaliseFirst, collapseSpaces, joinLines } from './text';
import type { ParsedProposal } from './types';

/**
 * The "Indstilling" section: who proposes ("Direktionen indstiller:"), the
 * numbered or bulleted points ("1. at udvalget godkender ..."), and — when
 * printed — where the sag goes: "indstiller til byrådet via børne- og
 * familieudvalget, beskæftigelsesudvalget og økonomiudvalget".
 */

export interface ProposalResult {
  proposal: ParsedProposal;
  /** Only when the proposal names the body at the end of a route (see `routeOf`). */
  decidingBody: string | null;
  route: string[];
}

const PROPOSER = /^(.*?)\s*\bindstiller\b\s*(.*)$/i;
/** "- 1. at", "a) at", "• at", "at ..." — prefix and body. */
const POINT = /^((?:[-•–*]\s*)?(?:(?:\d{1,2}|[a-h])[.)](?=\s|\*|$)\s*)?(?:[-•–*]\s*)?)(.*)$/i;
const INLINE_POINT = /(?:^|[,:])\s*(at\s.*)$/i;
const MAX_STATEMENT_LINES = 3;
/** The proposer's statement is near the top; further down "indstiller" is prose. */
const PROPOSER_SEARCH_LINES = 4;

export function parseProposal(lines: readonly string[]): ProposalResult {
  const text = joinLines(lines);
  const nonBlank = lines.filter((l) => l.length > 0);
  const at = nonBlank.slice(0, PROPOSER_SEARCH_LINES).findIndex((l) => PROPOSER.test(l));
  if (at === -1) return { proposal: { proposedBy: null, text, points: collectPoints(nonBlank, []) }, decidingBody: null, route: [] };

  const { statement, next } = proposerStatement(nonBlank, at);
  const m = PROPOSER.exec(statement);
  const proposedBy = cleanProposer(m?.[1] ?? '');
  const rest = m?.[2] ?? '';
  const inline = INLINE_POINT.exec(rest);
  const routeText = (inline ? rest.slice(0, inline.index) : rest).replace(/[\s,:]+$/, '');
  const points = collectPoints(nonBlank.slice(next), inline?.[1] ? [inline[1]] : []);
  const { decidingBody, route } = routeOf(routeText);
  return { proposal: { proposedBy, text, points }, decidingBody, route };
}

/** The "... indstiller" line and any lines it wraps onto, up to its colon or the first point. */
function proposerStatement(lines: readonly string[], at: number): { statement: string; next: number } {
  let statement = lines[at] ?? '';
  let next = at + 1;
  while (next < lines.length && next - at < MAX_STATEMENT_LINES && !statement.endsWith(':') && !startsPoint(lines[next] ?? '')) {
    statement = `${statement} ${lines[next] ?? ''}`;
    next++;
  }
  return { statement: collapseSpaces(statement), next };
}

function cleanProposer(s: string): string | null {
  const name = s.replace(/[,:]$/, '').trim();
  return name.length > 0 ? name : null;
}

function startsPoint(line: string): boolean {
  const m = POINT.exec(line);
  return m !== null && ((m[1] ?? '').trim().length > 0 || /^at\s/i.test(m[2] ?? ''));
}

function collectPoints(lines: readonly string[], initial: string[]): string[] {
  const points = [...initial];
  for (const line of lines) {
    const body = cleanPoint(POINT.exec(line)?.[2] ?? line);
    if (startsPoint(line)) {
      if (body.length > 0) points.push(body);
    } else if (points.length > 0) {
      points[points.length - 1] = `${points[points.length - 1] ?? ''} ${cleanPoint(line)}`.trim();
    }
  }
  return points;
}

/** Bold markers ("**") survive some PDF-to-text tools. */
function cleanPoint(s: string): string {
  return collapseSpaces(s.replace(/\*\*/g, ''));
}

const ROUTE = /^til\s+(.+?)(?:\s+via\s+(.+))?$/i;
/** Bodies that decide when named alone after "til". */
const COUNCIL = /^(?:byrådet|kommunalbestyrelsen|borgerrepræsentationen|regionsrådet)$/i;

/**
 * "til byrådet via A, B og C": route [A, B, C], deciding body Byrådet.
 * "til økonomiudvalget og byrådet": route [Økonomiudvalget], deciding body Byrådet.
 * "til udvalget" alone only says who the proposal is put to, which is not
 * necessarily who decides, so it sets nothing (unless it is the council).
 */
export function routeOf(text: string): { decidingBody: string | null; route: string[] } {
  const m = ROUTE.exec(text.trim());
  if (!m || m[1] === undefined) return { decidingBody: null, route: [] };
  const to = splitBodies(m[1]);
  const via = m[2] !== undefined ? splitBodies(m[2]) : [];
  const last = to[to.length - 1];
  if (last === undefined) return { decidingBody: null, route: [] };
  const decides = via.length > 0 || to.length > 1 || COUNCIL.test(last);
  return { decidingBody: decides ? last : null, route: [...via, ...to.slice(0, -1)] };
}

const BODY_END = /(?:udvalg|udvalget|udvalgene|råd|rådet|bestyrelse|bestyrelsen|repræsentationen|direktionen)$/i;
const BODY_START = /^udvalget\s+for\b/i;
/** A comma, or " og " not ending a hyphenated first half ("børne- og familieudvalget"). */
const BODY_SEPARATOR = /(\s*,\s*|(?<!-)\s+og\s+)/;

/**
 * Splits a list of bodies. Names may themselves contain commas and "og"
 * ("udvalget for social, sundhed og ældre", "kultur-, fritids- og
 * idrætsudvalget"), so a piece that neither ends like a body nor starts
 * "udvalget for", or that follows a hyphenated first half, is glued back
 * onto the one before.
 */
export function splitBodies(text: string): string[] {
  const parts = text.split(BODY_SEPARATOR);
  const bodies: string[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const piece = (parts[i] ?? '').trim();
    const separator = parts[i - 1] ?? '';
    const prev = bodies[bodies.length - 1];
    if (prev !== undefined && (prev.endsWith('-') || !isBodyStart(piece))) bodies[bodies.length - 1] = `${prev}${separator}${piece}`;
    else if (piece.length > 0) bodies.push(piece);
  }
  return bodies.map((b) => capitaliseFirst(collapseSpaces(b)));
}

/** "kultur-" opens a hyphenated name ("kultur-, fritids- og idrætsudvalget"). */
function isBodyStart(piece: string): boolean {
  return BODY_END.test(piece) || BODY_START.test(piece) || piece.endsWith('-');
}
