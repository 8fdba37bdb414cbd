import { NUMERIC_DATE, TEXT_DATE, fromNumericParts, fromTextParts } from './dates';
import { collapseSpaces } from './text';

/**
 * Section headings inside an agenda item. Kommuner use different sets and
 * orders; a heading is a line that is exactly one of these (optionally with
 * a colon, optionally followed by its value: "Kompetence: Økonomiudvalget").
 * The value is the key sections are stored under.
 */
const SECTION_HEADINGS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    resumé: 'resume',
    resume: 'resume',
    sagsfremstilling: 'sagsfremstilling',
    indstilling: 'indstilling',
    indstillinger: 'indstilling',
    beslutningskompetence: 'beslutningskompetence',
    kompetence: 'beslutningskompetence',
    beslutningstema: 'beslutningstema',
    baggrund: 'baggrund',
    'retligt grundlag': 'retligt grundlag',
    lovgrundlag: 'lovgrundlag',
    retsgrundlag: 'retligt grundlag',
    handlemuligheder: 'handlemuligheder',
    vurdering: 'vurdering',
    'administrationens vurdering': 'administrationens vurdering',
    'forvaltningens vurdering': 'forvaltningens vurdering',
    økonomi: 'økonomi',
    'økonomi og finansiering': 'økonomi',
    'økonomiske konsekvenser': 'økonomi',
    'økonomiske og personalemæssige konsekvenser': 'økonomi',
    'økonomi og personale': 'økonomi',
    'konsekvenser for andre udvalg': 'konsekvenser for andre udvalg',
    høring: 'høring',
    høringssvar: 'høring',
    kommunikation: 'kommunikation',
    tidsplan: 'tidsplan',
    'sagens forløb': 'sagens forløb',
    'tidligere beslutninger': 'tidligere beslutninger',
    // The plan ahead, not the history: kept apart so it is never read as "Sagens forløb".
    'sagens videre forløb': 'videre forløb',
    'videre forløb': 'videre forløb',
    'det videre forløb': 'videre forløb',
    bilag: 'bilag',
    bilagsliste: 'bilag',
    bemærkninger: 'bemærkninger',
    'supplerende sagsfremstilling': 'supplerende sagsfremstilling',
    'politisk behandling': 'politisk behandling',
    'sundhedsmæssige konsekvenser': 'sundhedsmæssige konsekvenser',
    'klimamæssige konsekvenser': 'klimamæssige konsekvenser',
    borgerinddragelse: 'borgerinddragelse',
  }),
);

const LONGEST_HEADING = 48;
/** Lengths of the headings: a line of any other length (allowing for a final ':' or '.') is no heading. */
const HEADING_LENGTHS: ReadonlySet<number> = new Set([...SECTION_HEADINGS.keys()].map((h) => h.length));

export interface SectionHeading {
  key: string;
  /** Text after "Heading:" on the same line, if any. */
  value: string;
}

export function sectionHeading(line: string): SectionHeading | null {
  if (!startsWithLetter(line)) return null;
  if (line.length > LONGEST_HEADING + 2) return inlineHeading(line);
  if (!HEADING_LENGTHS.has(line.length) && !HEADING_LENGTHS.has(line.length - 1) && !line.includes('  ')) return inlineHeading(line);
  const key = SECTION_HEADINGS.get(normaliseHeading(line));
  return key === undefined ? inlineHeading(line) : { key, value: '' };
}

function inlineHeading(line: string): SectionHeading | null {
  const colon = line.indexOf(':');
  if (colon < 3 || colon > LONGEST_HEADING) return null;
  const key = SECTION_HEADINGS.get(normaliseHeading(line.slice(0, colon)));
  return key === undefined ? null : { key, value: line.slice(colon + 1).trim() };
}

/** Called for most lines, so the common case (single spaces, no trailing mark) avoids regexes. */
function normaliseHeading(s: string): string {
  let h = s.includes('  ') || s.includes('\t') ? collapseSpaces(s) : s;
  const last = h.charCodeAt(h.length - 1);
  if (last === 0x3a || last === 0x2e) h = h.slice(0, -1).trimEnd(); // ':' or '.'
  return h.toLowerCase();
}

/** Headings start with a letter (Å, Ø included); numbers, bullets and dates never do. */
function startsWithLetter(line: string): boolean {
  const c = line.charCodeAt(0) | 0x20;
  return (c >= 0x61 && c <= 0x7a) || c >= 0xc0;
}

export type AccessMark = 'open' | 'closed';

const ACCESS_LINES: ReadonlyMap<string, AccessMark> = new Map([
  ['åbent', 'open'],
  ['åben', 'open'],
  ['åbent punkt', 'open'],
  ['åben sag', 'open'],
  ['lukket', 'closed'],
  ['lukket punkt', 'closed'],
  ['lukket sag', 'closed'],
]);

export function accessMark(line: string): AccessMark | null {
  if (line.length > 14) return null;
  return ACCESS_LINES.get(normaliseHeading(line)) ?? null;
}

/**
 * The heading of a decision block.
 * `plain`: "Beslutning" (this committee, this meeting).
 * Otherwise the committee and date are printed, sometimes an item number:
 *   "Beslutning i <committee> den 2. september 2019:"
 *   "Beslutning <committee> den 05-02-2024"
 *   "Beslutning <committee> den 5. februar 2024 punkt 7:"
 *   "Beslutning fra <committee>, 5. februar 2024, pkt. 7:"
 */
export type DecisionHeading =
  | { kind: 'plain'; rest: string }
  | { kind: 'dated'; committee: string; date: string; item: number | null; rest: string }
  | { kind: 'unrecognised' };

const PLAIN = /^beslutning\s*(?::\s*(.*))?$/i;
/** Without a colon the heading must end the line, so prose starting "Beslutning ..." is left alone. */
const DATED = new RegExp(
  String.raw`^beslutning(?:\s+(?:i|fra))?\s+(.+?)(?:\s+den\s+|\s*,\s*|\s+)` +
    String.raw`(?:${TEXT_DATE}|${NUMERIC_DATE})` +
    String.raw`(?:\s*,?\s*(?:punkt|pkt\.?)\s*(\d+))?\s*(?::\s*(.*))?$`,
  'i',
);
/** Looks like a decision heading we do not know: worth a warning rather than silence. */
const HEADING_LIKE = /^beslutning\s+(?:i|fra)\s+.{0,160}:$/i;
const MAX_HEADING_LENGTH = 300;

export function decisionHeading(line: string): DecisionHeading | null {
  if (!startsWithBeslutning(line)) return null;
  const plain = PLAIN.exec(line);
  if (plain) return { kind: 'plain', rest: (plain[1] ?? '').trim() };
  if (line.length > MAX_HEADING_LENGTH) return null;
  const dated = DATED.exec(line);
  if (dated) return datedHeading(dated);
  return HEADING_LIKE.test(line) ? { kind: 'unrecognised' } : null;
}

function datedHeading(m: RegExpExecArray): DecisionHeading | null {
  const date = m[2] !== undefined ? fromTextParts(m[2], m[3], m[4]) : fromNumericParts(m[5], m[6], m[7]);
  if (date === null || m[1] === undefined) return { kind: 'unrecognised' };
  return {
    kind: 'dated',
    committee: collapseSpaces(m[1]),
    date,
    item: m[8] !== undefined ? Number(m[8]) : null,
    rest: (m[9] ?? '').trim(),
  };
}

function startsWithBeslutning(line: string): boolean {
  return line.length >= 10 && (line.charCodeAt(0) | 0x20) === 0x62 && line.slice(0, 10).toLowerCase() === 'beslutning';
}
