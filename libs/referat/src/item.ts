import { parseAttachments } from './attachments';
import { buildDecision, type KnownDecisionHeading, type MeetingContext } from './decisions';
import { accessMark, decisionHeading, sectionHeading } from './headings';
import { parseHistory, type NumberedLine } from './history';
import { parseProposal } from './proposal';
import { looksLikeSagsnummer, sagsnummerLine } from './sagsnummer';
import { collapseSpaces, truncate } from './text';
import type { Access, ParseWarning, ParsedDecision, ParsedHistoryEntry, ParsedItem, RouteLine } from './types';

/**
 * One agenda item: from its "Punkt N: <title>" line up to the next item.
 * The body is cut into blocks at section headings and decision headings;
 * metadata lines (sag and document numbers, Åbent/Lukket) are taken out
 * wherever they stand.
 */

export const ITEM_LINE = /^(?:Punkt|PUNKT)\s+(\d{1,5})\s*(?::|\.(?=\s|$))\s*(.*)$/;

/**
 * Blocks hold the indices of their lines rather than copies: most of a
 * large document is section text, and this keeps the per-line cost at one
 * small integer.
 */
interface BlockBase {
  /** 1-based line of the heading. */
  line: number;
  /** Text after the heading on its own line ("Kompetence: Økonomiudvalget"), if any. */
  value: string;
  indices: number[];
}
type Block = (BlockBase & { kind: 'section'; key: string }) | (BlockBase & { kind: 'decision'; heading: KnownDecisionHeading });

interface ItemState {
  lines: readonly string[];
  number: number;
  title: string;
  sagsnummer: string | null;
  documentNumber: string | null;
  access: Access | null;
  preamble: number[];
  blocks: Block[];
  /** "Forventet sagsgang: ..." / "Sagsforløb: ..." lines, wherever they stand. */
  plans: RouteLine[];
}

/** The plan ahead on a line of its own; "Sagens forløb" (the history) is a heading, not this. */
const SAGSGANG = /^(?:forventet\s+sagsgang|sagsforløb)\s*:\s*(\S.*?)\.?$/i;
const INDSTILLER_TIL = /\bindstiller\b.*?\b(til\s+.+)$/i;

export function parseItem(
  lines: readonly string[],
  start: number,
  end: number,
  meeting: MeetingContext,
  warnings: ParseWarning[],
): ParsedItem {
  const head = ITEM_LINE.exec(lines[start] ?? '');
  const state: ItemState = {
    lines,
    number: Number(head?.[1] ?? 0),
    title: collapseSpaces(head?.[2] ?? ''),
    sagsnummer: null,
    documentNumber: null,
    access: null,
    preamble: [],
    blocks: [],
    plans: [],
  };
  let i = readTitleContinuation(lines, start + 1, end, state);
  i = readStandaloneSagsnummer(lines, i, end, state);
  for (; i < end; i++) readLine(i, state, warnings);
  return finish(state, start + 1, meeting, warnings);
}

/** A title wrapped by the PDF continues on the directly following line(s). */
function readTitleContinuation(lines: readonly string[], from: number, end: number, state: ItemState): number {
  let i = from;
  while (i < end && (lines[i] ?? '').length > 0 && !isSpecial(lines[i] ?? '')) {
    state.title = collapseSpaces(`${state.title} ${lines[i] ?? ''}`);
    i++;
  }
  return i;
}

function isSpecial(line: string): boolean {
  return (
    looksLikeSagsnummer(line) ||
    sagsnummerLine(line) !== null ||
    accessMark(line) !== null ||
    decisionHeading(line) !== null ||
    sectionHeading(line) !== null
  );
}

/** Lejre prints the bare sag number as the first line after the title. */
function readStandaloneSagsnummer(lines: readonly string[], from: number, end: number, state: ItemState): number {
  let i = from;
  while (i < end && (lines[i] ?? '').length === 0) i++;
  const line = lines[i] ?? '';
  if (i < end && looksLikeSagsnummer(line)) {
    state.sagsnummer = line;
    return i + 1;
  }
  return from;
}

function readLine(index: number, state: ItemState, warnings: ParseWarning[]): void {
  const line = state.lines[index] ?? '';
  if (line.length === 0) return;
  const lineNo = index + 1;
  const plan = SAGSGANG.exec(line);
  if (plan?.[1]) {
    state.plans.push({ kind: 'sagsgang', text: plan[1].trim(), line: lineNo });
    return;
  }
  const decision = decisionHeading(line);
  if (decision !== null && decision.kind !== 'unrecognised') {
    state.blocks.push({ kind: 'decision', heading: decision, line: lineNo, value: '', indices: [] });
    return;
  }
  if (decision !== null) {
    // Kept as text of the block it stands in: reported, not guessed at.
    warn(warnings, lineNo, state, `decision heading not understood (expected e.g. "Beslutning i <udvalg> den D. måned ÅÅÅÅ:"): "${line}"`);
  } else if (readMetadata(line, lineNo, state, warnings) || readSectionHeading(line, lineNo, state)) {
    return;
  }
  if (line === `${state.number}. ${state.title}`) return; // Slagelse repeats "N. <title>" under Sagsfremstilling.
  const block = state.blocks[state.blocks.length - 1];
  (block ? block.indices : state.preamble).push(index);
}

function readSectionHeading(line: string, lineNo: number, state: ItemState): boolean {
  const section = sectionHeading(line);
  if (!section) return false;
  state.blocks.push({ kind: 'section', key: section.key, line: lineNo, value: section.value, indices: [] });
  return true;
}

/** Sag/document numbers and Åbent/Lukket marks; true when the line was one. */
function readMetadata(line: string, lineNo: number, state: ItemState, warnings: ParseWarning[]): boolean {
  const access = accessMark(line);
  if (access) {
    if (state.access !== null && state.access !== access)
      warn(warnings, lineNo, state, `item marked both open and closed; treated as closed`);
    state.access = state.access === 'closed' ? 'closed' : access;
    return true;
  }
  const numbers = sagsnummerLine(line);
  if (!numbers) return false;
  if (numbers.sagsnummer !== null) setSagsnummer(numbers.sagsnummer, lineNo, state, warnings);
  if (numbers.documentNumber !== null) state.documentNumber ??= numbers.documentNumber;
  return true;
}

function setSagsnummer(value: string, lineNo: number, state: ItemState, warnings: ParseWarning[]): void {
  if (state.sagsnummer !== null && state.sagsnummer !== value) {
    warn(warnings, lineNo, state, `two sag numbers (${state.sagsnummer} and ${value}); keeping "Sagsnr." ${value}`);
  }
  state.sagsnummer = value;
}

const CLOSED_TITLE = /^lukket\b|\(lukket(?:\s+punkt)?\)|\blukket\s+punkt\b/i;

function finish(state: ItemState, line: number, meeting: MeetingContext, warnings: ParseWarning[]): ParsedItem {
  const indstilling = textsOf(state, 'indstilling');
  const proposal = indstilling.length > 0 ? parseProposal(indstilling) : null;
  const kompetence = textsOf(state, 'beslutningskompetence')[0]?.replace(/\.$/, '').trim() ?? null;
  const decisions: ParsedDecision[] = [];
  for (const b of state.blocks) {
    if (b.kind === 'decision')
      decisions.push(
        buildDecision(b.heading, blockTexts(state, b), b.line, state.number, meeting, { proposalPoints: proposal?.proposal.points ?? [] }),
      );
  }
  const item: ParsedItem = {
    number: state.number,
    title: state.title,
    line,
    sagsnummer: state.sagsnummer,
    documentNumber: state.documentNumber,
    access: state.access ?? (CLOSED_TITLE.test(state.title) ? 'closed' : 'open'),
    proposal: proposal?.proposal ?? null,
    decidingBody: kompetence || proposal?.decidingBody || null,
    route: proposal?.route ?? [],
    routeLines: routeLinesOf(state, kompetence),
    decisions,
    history: parseHistory(numberedOf(state, 'sagens forløb'), state.number, warnings),
    attachments: parseAttachments(textsOf(state, 'bilag')),
    sections: sectionTexts(state),
  };
  checkDecisions(item, warnings);
  return item;
}

/** A block's lines as text, its heading's inline value first. */
function blockTexts(state: ItemState, b: Block): string[] {
  const texts = b.value.length > 0 ? [b.value] : [];
  for (const i of b.indices) texts.push(state.lines[i] ?? '');
  return texts;
}

/** Where the item names its route: the proposal's "indstiller til" line, the competence, the plan lines. */
function routeLinesOf(state: ItemState, kompetence: string | null): RouteLine[] {
  const out: RouteLine[] = [];
  const lines = numberedOf(state, 'indstilling');
  const at = lines.findIndex((l) => INDSTILLER_TIL.test(l.text));
  const indstiller = lines[at];
  // A wrapped phrase goes on to the next blank line (PDF text breaks lines where the page did).
  const end = lines.findIndex((l, i) => i > at && l.text.trim() === '');
  const phrase = lines
    .slice(at, end < 0 ? undefined : end)
    .map((l) => l.text)
    .join(' ');
  const to = indstiller && INDSTILLER_TIL.exec(phrase)?.[1];
  // Only the bodies: "til byrådet via A, B og C, at ..." stops before the proposal's own words.
  const bodies =
    to &&
    collapseSpaces(to)
      .replace(/,?\s+at\s.*$/i, '')
      .replace(/[\s,:.]+$/, '');
  if (indstiller && bodies) out.push({ kind: 'indstilling', text: bodies, line: indstiller.line });
  const competence = state.blocks.find((b) => b.kind === 'section' && b.key === 'beslutningskompetence');
  if (competence && kompetence) out.push({ kind: 'beslutningskompetence', text: kompetence, line: competence.line });
  return [...out, ...state.plans];
}

/** The lines of every section with this key, in order. */
function textsOf(state: ItemState, key: string): string[] {
  const texts: string[] = [];
  for (const b of state.blocks) if (b.kind === 'section' && b.key === key) texts.push(...blockTexts(state, b));
  return texts;
}

function numberedOf(state: ItemState, key: string): NumberedLine[] {
  const numbered: NumberedLine[] = [];
  for (const b of state.blocks) {
    if (b.kind !== 'section' || b.key !== key) continue;
    if (b.value.length > 0) numbered.push({ text: b.value, line: b.line });
    for (const i of b.indices) numbered.push({ text: state.lines[i] ?? '', line: i + 1 });
  }
  return numbered;
}

function sectionTexts(state: ItemState): Record<string, string> {
  const sections: Record<string, string> = {};
  const preamble = state.preamble.map((i) => state.lines[i] ?? '').join('\n');
  if (preamble.length > 0) sections['preamble'] = preamble;
  for (const b of state.blocks) {
    if (b.kind !== 'section') continue;
    const text = blockTexts(state, b).join('\n');
    const before = sections[b.key];
    sections[b.key] = before === undefined ? text : `${before}\n\n${text}`;
  }
  return sections;
}

function checkDecisions(item: ParsedItem, warnings: ParseWarning[]): void {
  const at = { line: item.line, item: item.number };
  if (item.decisions.length === 0) {
    warnings.push({ ...at, message: `item ${item.number} has no decision ("Beslutning") block` });
    return;
  }
  if (!item.decisions.some((d) => d.current)) {
    warnings.push({ ...at, message: `item ${item.number}: no decision block names this meeting's committee and date` });
  }
  for (const d of item.decisions) reportClassification(d, item.number, warnings);
  for (const h of item.history) reportClassification(h, item.number, warnings);
}

/** Wording not recognised, or a class inferred rather than read: one warning, at the block's line. */
function reportClassification(d: ParsedDecision | ParsedHistoryEntry, item: number, warnings: ParseWarning[]): void {
  const c = d.classification;
  if (c.step !== 'decided') return;
  if (!c.known) {
    warnings.push({ line: d.line, item, message: `decision wording not recognised, classified "other": "${truncate(c.text, 100)}"` });
  } else if (c.guessed) {
    warnings.push({
      line: d.line,
      item,
      message: `classification guessed as "${c.outcome}" (what was decided is not named): "${truncate(c.text, 100)}"`,
    });
  }
}

function warn(warnings: ParseWarning[], line: number, state: ItemState, message: string): void {
  warnings.push({ line, item: state.number, message });
}
