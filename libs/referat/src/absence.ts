import { splitNameList } from './text';

/**
 * Absence lines sit inside decision blocks and "Sagens forløb" entries
 * ("Fraværende: Jens Hansen (V)", "Afbud: ...", "Irene Hansen (F) deltog ikke
 * under dette punkt."). They say who was away, not what was decided, so they
 * are lifted out of the outcome text before it is classified.
 */

/** "Fraværende: A, B", "Afbud: A" and the bare "Fraværende:" Slagelse prints when nobody is away. */
const LABELLED = /^(?:afbud|fraværende|fravær|forfald|ikke til stede)\s*(?::\s*(.*))?$/i;
const AFBUD_FRA = /^afbud\s+fra\s+(.+)$/i;
/** "<names> deltog ikke ...": the names are checked separately, so prose is not mistaken for a name. */
const DID_NOT_ATTEND = /^([^.:;!?]{2,160}?)\s+(?:deltog\s+ikke|var\s+fraværende|havde\s+meldt\s+afbud|var\s+ikke\s+til\s+stede)\b/i;

/** Cheap scan first: the anchored pattern with its lazy name group is costlier on long lines. */
const MAY_NAME_ABSENCE = /deltog\s+ikke|var\s+fraværende|meldt\s+afbud|ikke\s+til\s+stede/i;

const NAME_WORD = /^(?:[A-ZÆØÅ][\p{L}.'’-]*|\([^)]{1,20}\)|von|van|de|af|la|le|du|der|den)$/u;

/** Names from an absence line, or null when the line is not an absence line. */
export function absenceNames(line: string): string[] | null {
  const labelled = LABELLED.exec(line) ?? AFBUD_FRA.exec(line);
  if (labelled) return splitNameList(labelled[1] ?? '');
  if (!MAY_NAME_ABSENCE.test(line)) return null;
  const attend = DID_NOT_ATTEND.exec(line);
  if (!attend || attend[1] === undefined) return null;
  const names = splitNameList(attend[1]);
  return names.length > 0 && names.every(looksLikeName) ? names : null;
}

/** Two to seven capitalised words (particles and a party letter in parentheses allowed): "Udvalget" alone is no name. */
function looksLikeName(s: string): boolean {
  const words = s.split(/\s+(?![^(]*\))/);
  const nameWords = words.filter((w) => !w.startsWith('('));
  return nameWords.length >= 2 && words.length <= 7 && words.every((w) => NAME_WORD.test(w)) && /^[A-ZÆØÅ]/.test(s);
}

export interface WithoutAbsence {
  /** The lines that are not absence lines, as given. */
  lines: string[];
  absent: string[];
}

export function liftAbsence(lines: readonly string[]): WithoutAbsence {
  const kept: string[] = [];
  const absent: string[] = [];
  for (const line of lines) {
    const names = line.length > 0 ? absenceNames(line) : null;
    if (names) absent.push(...names);
    else kept.push(line);
  }
  return { lines: kept, absent };
}
