/**
 * Positioned text runs of PDF pages -> the lines a text parser reads, in
 * reading order. PDF has no lines, only runs of glyphs placed on a page;
 * this groups runs on one baseline into a line, puts a blank line where the
 * vertical gap is a paragraph's, reads a two-column block (a table of
 * contents set in two columns) column by column, and drops the furniture
 * repeated at the top or bottom of most pages (a header, "Side 3 af 16").
 * Pure: no PDF library here, so it is tested on plain numbers.
 */

export interface TextRun {
  readonly text: string;
  /** Left edge and baseline, in points, y growing upwards (PDF user space). */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  /** Font size in points. */
  readonly size: number;
}

interface Segment {
  text: string;
  x: number;
  end: number;
}

interface Line {
  y: number;
  size: number;
  segments: Segment[];
}

/** Runs this far apart on one line are in different columns (in font sizes). */
const COLUMN_GAP = 1;
/** A gap wider than this (in font sizes) between runs is a space. */
const WORD_GAP = 0.12;
/** A vertical step this large (in line heights) is a paragraph break. */
const PARAGRAPH_STEP = 1.6;
/** Second columns that start within this many points of each other are one column. */
const COLUMN_ALIGN = 4;
/** Lines in a block (two of them split at one column edge) before it is read as two columns. */
const MIN_COLUMN_LINES = 3;

export function pagesToText(pages: readonly (readonly TextRun[])[]): string {
  const laidOut = pages.map((runs) => linesOf(runs));
  const furniture = repeatedFurniture(laidOut);
  return laidOut
    .map((lines) => pageText(lines.filter((l, i) => !(furniture.has(keyOf(l)) && (i === 0 || i === lines.length - 1)))))
    .join('\n\n');
}

/** Runs on one baseline (within a third of the font size) make a line; top of the page first. */
function linesOf(runs: readonly TextRun[]): Line[] {
  const sorted = runs.filter((r) => r.text.length > 0).sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Line[] = [];
  for (const run of sorted) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(line.y - run.y) <= Math.max(line.size, run.size) / 3) addRun(line, run);
    else lines.push({ y: run.y, size: run.size, segments: [segmentOf(run)] });
  }
  for (const line of lines) line.segments = mergeSegments(line);
  return lines.filter((l) => l.segments.some((s) => s.text.trim().length > 0));
}

function segmentOf(run: TextRun): Segment {
  return { text: run.text, x: run.x, end: run.x + run.width };
}

function addRun(line: Line, run: TextRun): void {
  line.segments.push(segmentOf(run));
  line.size = Math.max(line.size, run.size);
}

/**
 * Left to right; runs close together joined (with a space where there is a
 * gap), runs far apart kept as columns. Blank runs are skipped: pdf.js
 * reports the space between two columns as a run of its own, which would
 * bridge the gap; word spaces come back from the gaps.
 */
function mergeSegments(line: Line): Segment[] {
  const runs = line.segments.filter((r) => r.text.trim().length > 0).sort((a, b) => a.x - b.x);
  const out: Segment[] = [];
  for (const run of runs) {
    const last = out[out.length - 1];
    const gap = last ? run.x - last.end : 0;
    if (!last || gap > COLUMN_GAP * line.size) {
      out.push({ ...run });
      continue;
    }
    const space = gap > WORD_GAP * line.size && !last.text.endsWith(' ') && !run.text.startsWith(' ') ? ' ' : '';
    last.text = `${last.text}${space}${run.text}`;
    last.end = Math.max(last.end, run.end);
  }
  for (const s of out) s.text = s.text.replace(/\s+/g, ' ').trim();
  return out;
}

/** A page's lines as text: blank lines at paragraph steps, two-column blocks column by column. */
function pageText(lines: readonly Line[]): string {
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const block = columnBlock(lines, i);
    const line = lines[i] as Line;
    if (i > 0 && isParagraphStep(lines[i - 1] as Line, line)) out.push('');
    if (block > i) {
      out.push(...columnsOf(lines.slice(i, block)));
      i = block;
    } else {
      out.push(line.segments.map((s) => s.text).join(' '));
      i++;
    }
  }
  return out.join('\n');
}

function isParagraphStep(above: Line, below: Line): boolean {
  return above.y - below.y > PARAGRAPH_STEP * 1.2 * Math.max(above.size, below.size);
}

/**
 * The end (exclusive) of a paragraph of two-segment lines whose second
 * segments share a left edge (a column may run shorter than the other);
 * `from` when there is none.
 */
function columnBlock(lines: readonly Line[], from: number): number {
  const edge = secondEdge(lines[from]);
  if (edge === null) return from;
  let end = from + 1;
  while (end < lines.length) {
    const next = lines[end] as Line;
    if (isParagraphStep(lines[end - 1] as Line, next)) break;
    const e = secondEdge(next);
    const leftOnly = next.segments.length === 1 && (next.segments[0]?.end ?? Infinity) < edge;
    const rightOnly = next.segments.length === 1 && Math.abs((next.segments[0]?.x ?? -Infinity) - edge) <= COLUMN_ALIGN;
    if ((e !== null && Math.abs(e - edge) <= COLUMN_ALIGN) || leftOnly || rightOnly) end++;
    else break;
  }
  const twoSegmentLines = lines.slice(from, end).filter((l) => l.segments.length === 2).length;
  return twoSegmentLines >= 2 && end - from >= MIN_COLUMN_LINES ? end : from;
}

function secondEdge(line: Line | undefined): number | null {
  return line && line.segments.length === 2 ? (line.segments[1]?.x ?? null) : null;
}

/** The left column top to bottom, then the right one. */
function columnsOf(block: readonly Line[]): string[] {
  const edge = Math.min(...block.map((l) => secondEdge(l) ?? Infinity));
  const left: string[] = [];
  const right: string[] = [];
  for (const line of block) {
    for (const s of line.segments) (s.x >= edge - COLUMN_ALIGN ? right : left).push(s.text);
  }
  return [...left, ...right];
}

/** A line with its digits made alike, at its height: "Side 3 af 16" and "Side 4 af 16" at the foot are one footer. */
function keyOf(line: Line): string {
  const text = line.segments
    .map((s) => s.text)
    .join(' ')
    .replace(/\d+/g, '#');
  return `${text}@${Math.round(line.y / 4)}`;
}

/**
 * Lines that stand first or last on most pages are page furniture. The
 * title line ("REFERAT ...") is left to the text parser, which keeps its
 * first occurrence as the document's title.
 */
function repeatedFurniture(pages: readonly Line[][]): Set<string> {
  const counts = new Map<string, number>();
  for (const lines of pages) {
    const ends = new Set([lines[0], lines[lines.length - 1]].filter((l): l is Line => l !== undefined).map(keyOf));
    for (const key of ends) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const furniture = new Set<string>();
  if (pages.length < 3) return furniture;
  for (const [key, n] of counts) if (n >= Math.max(3, pages.length / 2) && !/^REFERAT\b/i.test(key)) furniture.add(key);
  return furniture;
}
