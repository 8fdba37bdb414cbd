import { collapseSpaces } from './text';

/**
 * "Bilag" lists attachment titles, sometimes prefixed with their document
 * number ("330-2019-326003 Bilag_..."), which PDF extraction may wrap onto the
 * title's line ("330-2019-" / "348778 Nøgletal ..."). Titles are kept without
 * the number, once each, in order.
 */

const WRAPPED_NUMBER = /^\d{2,4}-\d{4}-$/;
const LEADING_NUMBER = /^\d+(?:[-./]\d+)+\s+(?=\S)/;
const BULLET = /^[-•–*]\s+/;

export function parseAttachments(lines: readonly string[]): string[] {
  const titles = new Set<string>();
  const nonBlank = lines.filter((l) => l.length > 0);
  for (let i = 0; i < nonBlank.length; i++) {
    let line = nonBlank[i] ?? '';
    if (WRAPPED_NUMBER.test(line) && i + 1 < nonBlank.length) line = `${line}${nonBlank[++i] ?? ''}`;
    const title = collapseSpaces(line.replace(BULLET, '').replace(LEADING_NUMBER, ''));
    if (title.length > 0) titles.add(title);
  }
  return [...titles];
}
