import { NUMERIC_DATE, TEXT_DATE, findTextDate, fromNumericParts } from './dates';
import { collapseSpaces, splitNameList, splitPeriod } from './text';
import type { ParseWarning, ParsedCommittee } from './types';

/**
 * The header: everything from the "REFERAT ..." title to the first agenda
 * item. Fields are "Mødedato ...", "Mødested ...", "Mødedeltagere ...",
 * "Afbud: ..."; a field's value may wrap onto the following line(s).
 */

export interface ParsedHeader {
  committee: ParsedCommittee | null;
  /** YYYY-MM-DD, or null when no date was found. */
  date: string | null;
  time: string | null;
  place: string | null;
  members: string[];
  absent: string[];
}

type Field = 'date' | 'place' | 'members' | 'absent';

const FIELD_START: readonly (readonly [RegExp, Field])[] = [
  [/^(?:mødedato|dato|mødetidspunkt|tidspunkt|mødetid)\b\s*:?\s*(.*)$/i, 'date'],
  [/^(?:mødested|sted)\b\s*:?\s*(.*)$/i, 'place'],
  [/^(?:mødedeltagere|deltagere|medlemmer|til stede)\b\s*:?\s*(.*)$/i, 'members'],
  [/^(?:afbud|fraværende|fravær)\s*:\s*(.*)$/i, 'absent'],
];

const TITLE_DATE = new RegExp(String.raw`\s+(?:d\.|den)\s*(?:${NUMERIC_DATE}|${TEXT_DATE})$`, 'i');
const LONE_DATE = new RegExp(String.raw`^(?:d\.|den)?\s*${NUMERIC_DATE}$`, 'i');
const TIME = /\bkl\.?\s*(\d{1,2})[.:](\d{2})\b/i;
const ABSENT_MARK = /\s*\((?:afbud|fraværende|fravær)\)\s*/i;

export function parseHeader(lines: readonly string[], titleIndex: number, end: number, warnings: ParseWarning[]): ParsedHeader {
  const header: ParsedHeader = { committee: null, date: null, time: null, place: null, members: [], absent: [] };
  const title = titleDetails(lines, titleIndex);
  header.committee = title.committee;
  let loneDate: string | null = null;
  for (let i = title.next; i < end; i++) {
    const line = lines[i] ?? '';
    if (line.length === 0) continue;
    const field = fieldAt(line);
    if (field) {
      const { value, next } = withContinuation(lines, i, end, field.value);
      applyField(header, field.field, value, i, warnings);
      i = next - 1;
    } else if (loneDate === null) {
      loneDate = loneDateOf(line);
    }
  }
  reconcileDate(header, title, loneDate, warnings);
  return header;
}

interface TitleDetails {
  committee: ParsedCommittee | null;
  date: string | null;
  line: number;
  /** Index of the first line after the title (and its committee line, when REFERAT stands alone). */
  next: number;
}

function titleDetails(lines: readonly string[], titleIndex: number): TitleDetails {
  let text = collapseSpaces((lines[titleIndex] ?? '').replace(/^REFERAT\b\s*[-:–]?\s*/i, ''));
  let next = titleIndex + 1;
  if (text.length === 0) {
    // "REFERAT" alone: the committee is on the next non-blank line.
    while (next < lines.length && (lines[next] ?? '').length === 0) next++;
    text = collapseSpaces(lines[next] ?? '');
    next++;
  }
  const dateMatch = TITLE_DATE.exec(text);
  const date = dateMatch ? dateOfMatch(dateMatch, 1) : null;
  if (dateMatch) text = text.slice(0, dateMatch.index);
  const { name, period } = splitPeriod(text);
  return { committee: name.length > 0 ? { name, period } : null, date, line: titleIndex + 1, next };
}

function fieldAt(line: string): { field: Field; value: string } | null {
  for (const [re, field] of FIELD_START) {
    const m = re.exec(line);
    if (m) return { field, value: m[1] ?? '' };
  }
  return null;
}

/** A value continues on directly following lines, or after a blank when it ends with a comma. */
function withContinuation(lines: readonly string[], i: number, end: number, first: string): { value: string; next: number } {
  let value = first;
  let j = i + 1;
  for (;;) {
    let k = j;
    if (value.endsWith(',') || value.length === 0) while (k < end && (lines[k] ?? '').length === 0) k++;
    const line = lines[k] ?? '';
    if (k >= end || line.length === 0 || fieldAt(line) || loneDateOf(line)) break;
    value = value.length === 0 ? line : `${value} ${line}`;
    j = k + 1;
  }
  return { value: collapseSpaces(value), next: j };
}

function applyField(header: ParsedHeader, field: Field, value: string, i: number, warnings: ParseWarning[]): void {
  if (field === 'date') applyDate(header, value, i, warnings);
  else if (field === 'place') header.place = value.replace(/,$/, '') || null;
  else if (field === 'members') applyMembers(header, value);
  else header.absent.push(...splitNameList(value).filter((n) => !header.absent.includes(n)));
}

function applyDate(header: ParsedHeader, value: string, i: number, warnings: ParseWarning[]): void {
  const date = findTextDate(value) ?? loneDateOf(value.replace(/^\p{L}+dag\s+/iu, '').replace(/\s+kl\..*$/i, ''));
  const time = TIME.exec(value);
  if (time) header.time = `${(time[1] ?? '').padStart(2, '0')}:${time[2] ?? '00'}`;
  if (date !== null) header.date ??= date;
  else if (!time) warnings.push({ line: i + 1, message: `meeting date line "${value}" has no date in a known format` });
}

function applyMembers(header: ParsedHeader, value: string): void {
  for (const entry of splitNameList(value)) {
    const absent = ABSENT_MARK.test(entry);
    const name = entry.replace(ABSENT_MARK, ' ').trim();
    if (name.length === 0) continue;
    header.members.push(name);
    if (absent && !header.absent.includes(name)) header.absent.push(name);
  }
}

function loneDateOf(line: string): string | null {
  const m = LONE_DATE.exec(line);
  return m ? fromNumericParts(m[1], m[2], m[3]) : null;
}

function dateOfMatch(m: RegExpExecArray, first: number): string | null {
  const numeric = fromNumericParts(m[first], m[first + 1], m[first + 2]);
  if (numeric) return numeric;
  return findTextDate(m[0]);
}

/** "Mødedato" wins; the title's date and a lone "d. 02-09-2019" line are fallbacks. Disagreement is reported. */
function reconcileDate(header: ParsedHeader, title: TitleDetails, loneDate: string | null, warnings: ParseWarning[]): void {
  const candidates = [header.date, title.date, loneDate];
  header.date = candidates.find((d): d is string => d !== null) ?? null;
  for (const other of candidates) {
    if (other !== null && other !== header.date) {
      warnings.push({
        line: title.line,
        message: `header dates disagree (${header.date ?? '?'} and ${other}); using ${header.date ?? '?'}`,
      });
      return;
    }
  }
}
