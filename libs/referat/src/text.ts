/** Small string helpers shared by the parser's parts. */

/** Two blanks in a row, or a blank other than a plain space. */
const UNTIDY = /\s\s|[^\S ]/;

/** Called a lot on text that is usually tidy already, so the tidy case allocates nothing. */
export function collapseSpaces(s: string): string {
  if (!UNTIDY.test(s) && !isBlankCode(s.charCodeAt(0)) && !isBlankCode(s.charCodeAt(s.length - 1))) return s;
  return s.replace(/\s+/g, ' ').trim();
}

function isBlankCode(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0xa0;
}

/** " - 2022-2025", " - 2022 - 2025", "(2018-2021)" at the end of a committee name. */
const PERIOD_SUFFIX = /\s*(?:[-–]\s*|\(\s*)?((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})\s*\)?$/;

/** Splits "Udvalget for X - 2022-2025" into the name and "2022-2025". */
export function splitPeriod(raw: string): { name: string; period: string | null } {
  const s = collapseSpaces(raw);
  const m = PERIOD_SUFFIX.exec(s);
  if (!m) return { name: stripTrailingDash(s), period: null };
  return { name: stripTrailingDash(s.slice(0, m.index)), period: `${m[1]}-${m[2]}` };
}

function stripTrailingDash(s: string): string {
  return s.replace(/\s*[-–:]\s*$/, '').trim();
}

/**
 * A loose key for telling whether two printed committee names are the same
 * committee: case, "&"/"og", hyphens, punctuation, a trailing period and the
 * definite ending ("udvalget"/"udvalg") do not matter.
 */
export function looseCommitteeKey(raw: string): string {
  return splitPeriod(raw)
    .name.toLowerCase()
    .replace(/&/g, ' og ')
    .replace(/[^a-zæøåéü0-9]+/g, '')
    .replace(/(udvalg|råd|bestyrelse)(?:et|en|ene)?$/, '$1');
}

const keyCache = new Map<string, string>();
const KEY_CACHE_LIMIT = 10_000;

/** Memoised: a document names the same few committees over and over. */
export function sameCommittee(a: string, b: string): boolean {
  return cachedKey(a) === cachedKey(b);
}

function cachedKey(name: string): string {
  let key = keyCache.get(name);
  if (key === undefined) {
    if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
    key = looseCommitteeKey(name);
    keyCache.set(name, key);
  }
  return key;
}

export function capitaliseFirst(s: string): string {
  const first = s.charAt(0);
  return first.toLocaleUpperCase('da') + s.slice(1);
}

/** "A, B og C" -> ["A", "B", "C"]. */
export function splitNameList(s: string): string[] {
  return s
    .split(/\s*[,;]\s*|\s+og\s+/)
    .map((n) => n.trim().replace(/\.$/, '').trim())
    .filter((n) => n.length > 0);
}

export function truncate(s: string, max: number): string {
  const flat = collapseSpaces(s);
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** Non-blank lines joined with LF. */
export function joinLines(lines: readonly string[]): string {
  return lines.filter((l) => l.length > 0).join('\n');
}
