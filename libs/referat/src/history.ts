import { liftAbsence } from './absence';
import { classifyDecision } from './classify';
import { NUMERIC_DATE, TEXT_DATE, fromNumericParts, fromTextParts } from './dates';
import { joinLines, splitPeriod } from './text';
import type { ParseWarning, ParsedHistoryEntry } from './types';
import { parseVotes } from './votes';

/**
 * "Sagens forløb": earlier treatments in other committees, each a line
 * "05-02-2024 Udvalget for Social, Sundhed og Ældre - 2022-2025" (or
 * "05/02/2024 ...", "5. februar 2024 ...") followed by the outcome text.
 */

export interface NumberedLine {
  text: string;
  /** 1-based */
  line: number;
}

const ENTRY = new RegExp(String.raw`^(?:${NUMERIC_DATE}|${TEXT_DATE})\s*:?\s+(\S.*)$`, 'i');

export function parseHistory(lines: readonly NumberedLine[], item: number, warnings: ParseWarning[]): ParsedHistoryEntry[] {
  const entries: { date: string; committee: string; line: number; text: string[] }[] = [];
  let orphan: NumberedLine | null = null;
  for (const l of lines) {
    if (l.text.length === 0) continue;
    const head = entryHead(l.text);
    const current = entries[entries.length - 1];
    if (head) entries.push({ ...head, line: l.line, text: [] });
    else if (current) current.text.push(l.text);
    else orphan ??= l;
  }
  if (orphan) {
    warnings.push({ line: orphan.line, item, message: `"Sagens forløb" text before the first dated entry ignored: "${orphan.text}"` });
  }
  return entries.map((e) => {
    const { lines: kept, absent, notTakingPart } = liftAbsence(e.text);
    const text = joinLines(kept);
    const votes = parseVotes(text, notTakingPart);
    return { date: e.date, committee: e.committee, text, absent, votes, classification: classifyDecision(text), line: e.line };
  });
}

function entryHead(text: string): { date: string; committee: string } | null {
  const m = ENTRY.exec(text);
  if (!m || m[7] === undefined) return null;
  const date = m[1] !== undefined ? fromNumericParts(m[1], m[2], m[3]) : fromTextParts(m[4], m[5], m[6]);
  if (date === null) return null;
  return { date, committee: splitPeriod(m[7].replace(/:$/, '')).name };
}
