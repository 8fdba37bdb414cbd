import { MinutesParseError } from './errors';
import { parseHeader, type ParsedHeader } from './header';
import { ITEM_LINE, parseItem } from './item';
import { KommuneCounter, kommuneDisplayName } from './kommune';
import { blankPageNoise, blankTableOfContents, findTitleLine, looksBinary, toLines } from './lines';
import type { ParseOptions, ParseWarning, ParsedItem, ParsedMinutes } from './types';

/**
 * Minutes text -> structured minutes. One linear pass to blank page noise,
 * one to find items, one per item; no regex looks further than its line.
 * Throws MinutesParseError when the text is not minutes, or lacks what no
 * minutes can do without; anything odd but recoverable becomes a warning.
 */
export function parseMinutes(text: string, opts: ParseOptions = {}): ParsedMinutes {
  const documentName = opts.documentName ?? 'referat';
  const fail = (code: MinutesParseError['code'], line: number, expected: string): never => {
    throw new MinutesParseError(code, line, documentName, expected);
  };
  if (text.trim().length === 0) fail('referat.not-minutes', 1, 'expected minutes text, but the document is empty');
  if (looksBinary(text)) fail('referat.not-minutes', 1, 'expected minutes text, but this looks like binary data');

  const warnings: ParseWarning[] = [];
  const lines = toLines(text);
  const titleIndex = findTitleLine(lines);
  blankPageNoise(lines, titleIndex, warnings);
  blankTableOfContents(lines);
  const starts = itemStarts(lines);
  const firstItem = starts[0];

  if (titleIndex === -1) {
    if (firstItem === undefined) {
      fail('referat.not-minutes', 1, 'expected minutes: a "REFERAT <udvalg>" title and "Punkt N: <titel>" items; found neither');
    }
    fail('referat.unparseable', (firstItem ?? 0) + 1, 'expected a "REFERAT <udvalg> ..." title line before the first item');
  }
  if (firstItem !== undefined && firstItem < titleIndex) {
    fail('referat.unparseable', firstItem + 1, 'expected the "REFERAT <udvalg> ..." title line before the first item');
  }
  const header = parseHeader(lines, titleIndex, firstItem ?? lines.length, warnings);
  if (firstItem === undefined && header.date === null) {
    fail(
      'referat.not-minutes',
      titleIndex + 1,
      'expected minutes: a meeting date and "Punkt N: <titel>" items after the REFERAT line; found neither',
    );
  }
  const committee = header.committee ?? fail('referat.unparseable', titleIndex + 1, 'expected the committee name after "REFERAT"');
  const date =
    header.date ??
    fail('referat.unparseable', titleIndex + 1, 'expected a meeting date ("Mødedato <ugedag> d. D. <måned> ÅÅÅÅ" or "d. DD-MM-ÅÅÅÅ")');
  if (firstItem === undefined) fail('referat.unparseable', lines.length, 'expected agenda items ("Punkt N: <titel>")');

  const items = parseItems(lines, starts, { committee: committee.name, date }, warnings);
  return {
    kommune: kommuneOf(lines, opts),
    committee,
    meeting: meetingOf(header, date),
    items,
    warnings: oncePerCause(warnings).sort((a, b) => a.line - b.line),
  };
}

/** The same message for the same item (a page break can repeat a line) is one warning. */
function oncePerCause(warnings: readonly ParseWarning[]): ParseWarning[] {
  const seen = new Set<string>();
  return warnings.filter((w) => {
    const key = `${w.item ?? ''}\u0000${w.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Item start lines. A "Punkt N:" with nothing under it, repeated later, is a leftover contents entry. */
function itemStarts(lines: readonly string[]): number[] {
  const starts: number[] = [];
  const numbers: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const m = line.charCodeAt(0) === 0x50 /* P */ ? ITEM_LINE.exec(line) : null;
    if (m) {
      starts.push(i);
      numbers.push(m[1] ?? '');
    }
  }
  const lastStartOf = new Map<string, number>();
  numbers.forEach((n, k) => lastStartOf.set(n, k));
  return starts.filter((start, k) => {
    const repeatedLater = (lastStartOf.get(numbers[k] ?? '') ?? k) > k;
    return !(repeatedLater && isEmptyBetween(lines, start + 1, starts[k + 1] ?? lines.length));
  });
}

function isEmptyBetween(lines: readonly string[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if ((lines[i] ?? '').length > 0) return false;
  return true;
}

function parseItems(
  lines: readonly string[],
  starts: readonly number[],
  meeting: { committee: string; date: string },
  warnings: ParseWarning[],
): ParsedItem[] {
  const items: ParsedItem[] = [];
  const bySag = new Map<string, ParsedItem>();
  for (let k = 0; k < starts.length; k++) {
    const item = parseItem(lines, starts[k] ?? 0, starts[k + 1] ?? lines.length, meeting, warnings);
    checkNumbering(items[items.length - 1], item, warnings);
    checkRepeatedSag(bySag, item, warnings);
    items.push(item);
  }
  return items;
}

/** One sag can have two items in one meeting: both are kept, each with its title, and the reader is told. */
function checkRepeatedSag(bySag: Map<string, ParsedItem>, item: ParsedItem, warnings: ParseWarning[]): void {
  if (item.sagsnummer === null) return;
  const first = bySag.get(item.sagsnummer);
  if (!first) return void bySag.set(item.sagsnummer, item);
  warnings.push({
    line: item.line,
    item: item.number,
    message: `item ${item.number} has the same sag number (${item.sagsnummer}) as item ${first.number}: two treatments of one sag in this meeting`,
  });
}

/** Numbers rise through a meeting (Randers numbers through the year, so gaps before the first are fine). */
function checkNumbering(prev: ParsedItem | undefined, item: ParsedItem, warnings: ParseWarning[]): void {
  if (prev === undefined || item.number === prev.number + 1) return;
  const message =
    item.number <= prev.number
      ? `item number ${item.number} does not follow ${prev.number}`
      : `item numbers jump from ${prev.number} to ${item.number}`;
  warnings.push({ line: item.line, item: item.number, message });
}

function kommuneOf(lines: readonly string[], opts: ParseOptions): string | null {
  if (opts.kommune !== undefined && opts.kommune.trim().length > 0) return kommuneDisplayName(opts.kommune);
  const counter = new KommuneCounter();
  for (const line of lines) counter.add(line);
  return counter.best();
}

function meetingOf(header: ParsedHeader, date: string): ParsedMinutes['meeting'] {
  return { date, time: header.time, place: header.place, members: header.members, absent: header.absent };
}
