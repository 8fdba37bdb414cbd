import { splitNameList } from './text';

/**
 * Absence sits inside decision blocks and "Sagens forløb" entries in several
 * shapes: a labelled line ("Fraværende: Jens Hansen (V)", "Afbud: ..."), a
 * bare "Afbud:" with the names on the lines below it, a sentence inside a
 * line ("Godkendt. Afbud fra Jens Olsen."), or "<names> deltog ikke under
 * dette punkt". It says who was away, not what was decided, so it is lifted
 * out of the outcome text, whole, before the text is classified.
 *
 * "<names> deltog ikke i behandlingen" (or "i afstemningen", "erklærede sig
 * inhabil") is a member present at the meeting who took no part in this
 * item: lifted out the same way, but kept as not taking part in the vote.
 */

/** "Fraværende: A, B", "Afbud: A" and the bare "Fraværende:" / "Afbud:" (names below, or nobody). */
const LABELLED = /^(?:afbud|fraværende|fravær|forfald|ikke til stede)\s*(?::\s*(.*))?$/i;
const AFBUD_FRA = /^(?:der\s+var\s+)?afbud\s+fra\s+(.+?)\.?$/i;
/** "<names> deltog ikke ...": the names are checked separately, so prose is not mistaken for a name. */
const DID_NOT_ATTEND =
  /^([^.:;!?]{2,160}?)\s+(?:(?:erklærede\s+sig\s+inhabil|var\s+inhabil)(?:\s+og\s+deltog\s+ikke)?|deltog\s+ikke|var\s+fraværende|havde\s+meldt\s+afbud|var\s+ikke\s+til\s+stede)\b(.*)$/i;
/** What follows "deltog ikke" when the member was there but took no part in this item. */
const NOT_TAKING_PART = /^\s*(?:i\s+(?:behandlingen|sagens\s+behandling|afstemningen|beslutningen)|$)/i;
const INHABIL = /\binhabil\b/i;

/** Cheap scan first: the sentence split and the anchored patterns are costlier on long lines. */
const MAY_NAME_ABSENCE = /afbud|fravær|forfald|deltog\s+ikke|ikke\s+til\s+stede|inhabil/i;

const NAME_WORD = /^(?:[A-ZÆØÅ][\p{L}.'’-]*|\([^)]{1,20}\)|von|van|de|af|la|le|du|der|den)$/u;

/** A sentence ends after a word of two lower-case letters, a digit or ")" (so "Anne K. Hansen" stays whole). */
const SENTENCE_BREAK = /(?<=(?:\p{Ll}{2}|\d|\))[.!?])\s+(?=[\p{Lu}(])/u;

export interface Absence {
  /** Away from the item: "Afbud", "Fraværende", "deltog ikke under dette punkt". */
  absent: string[];
  /** At the meeting but taking no part in this item: "deltog ikke i behandlingen", "inhabil". */
  notTakingPart: string[];
}

/** The absence a line (or sentence) states, or null when it states none. */
export function absenceOf(line: string): Absence | null {
  const labelled = LABELLED.exec(line) ?? AFBUD_FRA.exec(line);
  if (labelled) return { absent: splitNameList(labelled[1] ?? ''), notTakingPart: [] };
  if (!MAY_NAME_ABSENCE.test(line)) return null;
  const attend = DID_NOT_ATTEND.exec(line);
  if (!attend || attend[1] === undefined) return null;
  const names = splitNameList(attend[1]);
  if (names.length === 0 || !names.every(looksLikeName)) return null;
  const apart = INHABIL.test(line) || NOT_TAKING_PART.test(attend[2] ?? '');
  return apart ? { absent: [], notTakingPart: names } : { absent: names, notTakingPart: [] };
}

/** Names from an absence line, or null when the line is not an absence line. */
export function absenceNames(line: string): string[] | null {
  const a = absenceOf(line);
  return a ? [...a.absent, ...a.notTakingPart] : null;
}

/** Two to seven capitalised words (particles and a party letter in parentheses allowed): "Udvalget" alone is no name. */
function looksLikeName(s: string): boolean {
  const words = s.split(/\s+(?![^(]*\))/);
  const nameWords = words.filter((w) => !w.startsWith('('));
  return nameWords.length >= 2 && words.length <= 7 && words.every((w) => NAME_WORD.test(w)) && /^[A-ZÆØÅ]/.test(s);
}

/** A line that is nothing but names ("Anne Hansen (F), Per Holm (V)"): what follows a bare "Afbud:". */
function nameListLine(line: string): string[] | null {
  if (line.length > 300 || /[:;!?]/.test(line)) return null;
  const names = splitNameList(line);
  return names.length > 0 && names.every(looksLikeName) ? names : null;
}

export interface WithoutAbsence extends Absence {
  /** The lines without their absence lines and sentences; the others as given. */
  lines: string[];
}

export function liftAbsence(lines: readonly string[]): WithoutAbsence {
  const out: WithoutAbsence = { lines: [], absent: [], notTakingPart: [] };
  let namesBelow = false;
  for (const line of lines) {
    if (line.length === 0) {
      out.lines.push(line);
      continue;
    }
    const below = namesBelow ? nameListLine(line) : null;
    if (below) {
      out.absent.push(...below);
      continue;
    }
    const whole = absenceOf(line);
    namesBelow = whole !== null && whole.absent.length === 0 && whole.notTakingPart.length === 0 && LABELLED.test(line);
    if (whole) {
      add(out, whole);
      continue;
    }
    out.lines.push(MAY_NAME_ABSENCE.test(line) ? withoutAbsentSentences(line, out) : line);
  }
  return out;
}

/** "Godkendt. Afbud fra Jens Olsen." -> "Godkendt.", the names kept. */
function withoutAbsentSentences(line: string, out: Absence): string {
  const kept: string[] = [];
  for (const sentence of line.split(SENTENCE_BREAK)) {
    const a = absenceOf(sentence.trim());
    if (a) add(out, a);
    else kept.push(sentence);
  }
  return kept.join(' ').trim();
}

function add(out: Absence, a: Absence): void {
  out.absent.push(...a.absent);
  out.notTakingPart.push(...a.notTakingPart);
}
