import { parseAttachments } from './attachments';
import { buildDecision, type KnownDecisionHeading, type MeetingContext } from './decisions';
import { accessMark, decisionHeading, sectionHeading } from './headings';
import { parseHistory, type NumberedLine } from './history';
import { parseProposal } from './proposal';
import { looksLikeSagsnummer, sagsnummerLine } from './sagsnummer';
import { collapseSpaces, joinLines, truncate } from './text';
import type { Access, ParseWarning, ParsedDecision, ParsedItem } from './types';

/**
 * One agenda item: from its "Punkt N: <title>" line up to the next item.
 * The body is cut into blocks at section headings and decision headings;
 * metadata lines (sag and document numbers, Åbent/Lukket) are taken out
 * wherever they stand.
 */

export const ITEM_LINE = /^(?:Punkt|PUNKT)\s+(\d{1,5})\s*(?::|\.(?=\s|$))\s*(.*)$/;

type Block =
  | { kind: 'section'; key: string; line: number; lines: NumberedLine[] }
  | { kind: 'decision'; heading: KnownDecisionHeading; line: number; lines: NumberedLine[] };

interface ItemState {
  number: number;
  title: string;
  sagsnummer: string | null;
  documentNumber: string | null;
  access: Access | null;
  preamble: NumberedLine[];
  blocks: Block[];
}

export function parseItem(
  lines: readonly string[],
  start: number,
  end: number,
  meeting: MeetingContext,
  warnings: ParseWarning[],
): ParsedItem {
  const head = ITEM_LINE.exec(lines[start] ?? '');
  const state: ItemState = {
    number: Number(head?.[1] ?? 0),
    title: collapseSpaces(head?.[2] ?? ''),
    sagsnummer: null,
    documentNumber: null,
    access: null,
    preamble: [],
    blocks: [],
  };
  let i = readTitleContinuation(lines, start + 1, end, state);
  i = readStandaloneSagsnummer(lines, i, end, state);
  for (; i < end; i++) readLine(lines[i] ?? '', i + 1, state, warnings);
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

function readLine(line: string, lineNo: number, state: ItemState, warnings: ParseWarning[]): void {
  if (line.length === 0) return;
  const decision = decisionHeading(line);
  if (decision !== null && decision.kind !== 'unrecognised') {
    state.blocks.push({ kind: 'decision', heading: decision, line: lineNo, lines: [] });
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
  (block ? block.lines : state.preamble).push({ text: line, line: lineNo });
}

function readSectionHeading(line: string, lineNo: number, state: ItemState): boolean {
  const section = sectionHeading(line);
  if (!section) return false;
  const lines = section.value.length > 0 ? [{ text: section.value, line: lineNo }] : [];
  state.blocks.push({ kind: 'section', key: section.key, line: lineNo, lines });
  return true;
}

/** Sag/document numbers and Åbent/Lukket marks; true when the line was one. */
function readMetadata(line: string, lineNo: number, state: ItemState, warnings: ParseWarning[]): boolean {
  const access = accessMark(line);
  if (access) {
    if (state.access !== null && state.access !== access) warn(warnings, lineNo, state, `item marked both open and closed; treated as closed`);
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
  const sections = sectionTexts(state);
  const indstilling = linesOf(state, 'indstilling');
  const proposal = indstilling.length > 0 ? parseProposal(indstilling.map((l) => l.text)) : null;
  const kompetence = linesOf(state, 'beslutningskompetence')[0]?.text.replace(/\.$/, '').trim() ?? null;
  const decisions = state.blocks.flatMap((b) =>
    b.kind === 'decision' ? [buildDecision(b.heading, b.lines.map((l) => l.text), b.line, state.number, meeting)] : [],
  );
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
    decisions,
    history: parseHistory(linesOf(state, 'sagens forløb'), state.number, warnings),
    attachments: parseAttachments(linesOf(state, 'bilag').map((l) => l.text)),
    sections,
  };
  checkDecisions(item, warnings);
  return item;
}

function linesOf(state: ItemState, key: string): NumberedLine[] {
  return state.blocks.flatMap((b) => (b.kind === 'section' && b.key === key ? b.lines : []));
}

function sectionTexts(state: ItemState): Record<string, string> {
  const sections: Record<string, string> = {};
  const preamble = joinLines(state.preamble.map((l) => l.text));
  if (preamble.length > 0) sections['preamble'] = preamble;
  for (const b of state.blocks) {
    if (b.kind !== 'section') continue;
    const text = joinLines(b.lines.map((l) => l.text));
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
  for (const d of item.decisions) reportUnknown(d, item.number, warnings);
}

function reportUnknown(d: ParsedDecision, item: number, warnings: ParseWarning[]): void {
  const c = d.classification;
  if (c.step === 'decided' && !c.known) {
    warnings.push({ line: d.line, item, message: `decision wording not recognised, classified "other": "${truncate(c.text, 100)}"` });
  }
}

function warn(warnings: ParseWarning[], line: number, state: ItemState, message: string): void {
  warnings.push({ line, item: state.number, message });
}
