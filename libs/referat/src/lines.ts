import type { ParseWarning } from './types';

/**
 * Text extracted from PDF carries page furniture: the title repeated at the
 * top of each page, "Side 3 af 16" at the bottom, a table of contents with
 * dotted leaders, stray glyphs. These are blanked (not removed) so every
 * later line number still points at the right line of the file.
 */

/** Trimmed lines; index i is line i + 1. */
export function toLines(text: string): string[] {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const raw = s.split(/\r\n|[\r\n\f]/);
  for (let i = 0; i < raw.length; i++) {
    const line = raw[i] ?? '';
    if (line.length > 0 && (isSpaceCode(line.charCodeAt(0)) || isSpaceCode(line.charCodeAt(line.length - 1)))) raw[i] = line.trim();
  }
  return raw;
}

/** Tab, space, NBSP and the other blanks PDF tools leave at line ends. */
function isSpaceCode(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0xa0 || c === 0x0b || c === 0xfeff || (c >= 0x2000 && c <= 0x200b) || c === 0x3000;
}

const TITLE = /^REFERAT(?:\s|$)/i;
/** A page header is printed in capitals; "Referat godkendt." in a decision is text. */
const PAGE_HEADER_TITLE = /^REFERAT\s/;

/** Index of the "REFERAT ..." title line, or -1. */
export function findTitleLine(lines: readonly string[]): number {
  for (let i = 0; i < lines.length; i++) {
    if (TITLE.test(lines[i] ?? '')) return i;
  }
  return -1;
}

const PAGE_FOOTER = /(?:^|\s)Side\s+\d+\s*(?:af|\/)\s*\d+$|^Side\s+\d+$/;
const STRAY_LETTER = /^\p{L}$/u;

/** Blanks page headers/footers and stray glyphs anywhere but on the title line itself. */
export function blankPageNoise(lines: string[], titleIndex: number, warnings: ParseWarning[]): void {
  const title = titleIndex >= 0 ? lines[titleIndex] : undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.length === 0 || i === titleIndex) continue;
    if (line === title || isPageFooter(line)) lines[i] = '';
    else if (PAGE_HEADER_TITLE.test(line)) blankForeignTitle(lines, i, warnings);
    else if (line.length === 1 && STRAY_LETTER.test(line)) {
      warnings.push({ line: i + 1, message: `stray character "${line}" on a line of its own ignored (PDF extraction noise)` });
      lines[i] = '';
    }
  }
}

function isPageFooter(line: string): boolean {
  return isDigit(line.charCodeAt(line.length - 1)) && line.includes('Side') && PAGE_FOOTER.test(line);
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function blankForeignTitle(lines: string[], i: number, warnings: ParseWarning[]): void {
  warnings.push({
    line: i + 1,
    message: `another REFERAT title ("${lines[i] ?? ''}") differs from the document's title; ignored as a page header`,
  });
  lines[i] = '';
}

const TOC_HEADING = /^(?:indholdsfortegnelse|innholdsfortegnelse|indhold|dagsordenspunkter)\s*:?$/i;
/** "Title ..... 3", "Title … 3": recognisable anywhere. */
const DOTTED_ENTRY = /(?:\.{3,}|…+)\s*\d{1,4}$/;
/** "Title<TAB>3": only inside a contents list, since tables in the body end the same way. */
const TAB_ENTRY = /\t\s*\d{1,4}$/;

/**
 * Blanks the table of contents: its heading, its entries, and entry titles
 * wrapped onto a line of their own (a line whose next non-blank line is an
 * entry). Entries with dotted leaders are blanked wherever they occur, since
 * a contents page can be repeated later in the file.
 */
export function blankTableOfContents(lines: string[]): void {
  let inToc = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.length === 0) continue;
    if (TOC_HEADING.test(line)) {
      inToc = true;
      lines[i] = '';
    } else if (isTocEntry(line, inToc) || (inToc && isTocEntry(nextNonBlank(lines, i + 1), true))) {
      lines[i] = '';
    } else {
      inToc = false;
    }
  }
}

function isTocEntry(line: string, inToc: boolean): boolean {
  if (!isDigit(line.charCodeAt(line.length - 1))) return false;
  return DOTTED_ENTRY.test(line) || (inToc && TAB_ENTRY.test(line));
}

export function nextNonBlank(lines: readonly string[], from: number): string {
  for (let j = from; j < lines.length && j < from + 3; j++) {
    const l = lines[j] ?? '';
    if (l.length > 0) return l;
  }
  return '';
}

/** Share of control characters (or U+FFFD) in the start of the text: high for binary data decoded as text. */
export function looksBinary(text: string): boolean {
  const end = Math.min(text.length, 65536);
  let bad = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0xfffd || c === 0x7f) bad++;
  }
  return end > 0 && bad >= 4 && bad / end > 0.01;
}
