import { liftAbsence } from './absence';
import { joinLines } from './text';
import type { Classification, Outcome } from './types';

/**
 * Decision text -> treatment step and outcome, by the phrase table of the
 * domain notes. A phrase counts where a sentence or a numbered point starts
 * ("Godkendt med bemærkning ...", "1. Drøftet. 2. Indstilles godkendt"), so
 * remarks after it and words inside prose do not change the class.
 *
 * When several phrases occur the strongest wins:
 *   recommended > approved > rejected > postponed > noted > discussed.
 * A recommendation beats every decided outcome because it is what moves the
 * sag on; among decided outcomes a final answer (approved, rejected) beats a
 * postponement, which beats a mere noting or discussion. "Intet under dette
 * punkt" (or no text) is `none` only when nothing else matched.
 */

type Found = Outcome | 'recommended' | 'none';

interface Phrase {
  readonly found: Found;
  readonly re: RegExp;
}

/** A phrase ends at a word end: "Udsat." is a phrase, "Udsatte borgere" is not. */
const WORD_END = '(?![\\p{L}\\d])';

function p(found: Found, source: string): Phrase {
  return { found, re: new RegExp(`${source}${WORD_END}`, 'iu') };
}

/** Checked in order; negated phrases come before the positive ones they contain. */
const PHRASES: readonly Phrase[] = [
  p('rejected', String.raw`^ikke\s+(?:godkendt|tiltrådt|anbefalet|vedtaget)`),
  p('rejected', String.raw`^(?:indstillingen|indstillingerne|forslaget)\s+(?:blev\s+|er\s+)?ikke\s+(?:tiltrådt|godkendt|anbefalet)`),
  p('rejected', String.raw`^(?:indstillingen\s+|indstillingerne\s+|forslaget\s+)?anbefales\s+ikke`),
  p('rejected', String.raw`^udvalget\s+godkendte\s+ikke`),
  p('rejected', String.raw`^(?:forkastet|afvist)`),
  p('recommended', String.raw`^(?:indstillingen\s+|indstillingerne\s+|forslaget\s+|sagen\s+)?(?:kan\s+)?anbefales`),
  p('recommended', String.raw`^indstilles\s+godkendt`),
  p('recommended', String.raw`^udvalget\s+anbefaler`),
  p('approved', String.raw`^(?:godkendt|godkendes|tiltrådt|vedtaget)`),
  p('approved', String.raw`^(?:indstillingen|indstillingerne|forslaget)\s+(?:blev\s+|er\s+)?(?:tiltrådt|godkendt|godkendes)`),
  p('approved', String.raw`^udvalget\s+(?:godkendte|godkender)`),
  p(
    'noted',
    String.raw`^(?:orienteringen\s+|orienteringerne\s+|opfølgningen\s+|sagen\s+|redegørelsen\s+)?(?:blev\s+)?taget\s+til\s+(?:efterretning|orientering)`,
  ),
  p('noted', String.raw`^udvalget\s+tog\s+[^.]{0,80}?\btil\s+(?:efterretning|orientering)`),
  p('discussed', String.raw`^(?:sagen\s+|punktet\s+)?(?:blev\s+)?drøftet`),
  p('discussed', String.raw`^udvalget\s+drøftede`),
  p('postponed', String.raw`^(?:sagen\s+|punktet\s+)?(?:blev\s+)?(?:genoptages|udsat|udsættes)`),
  p('none', String.raw`^intet\s+under\s+dette\s+punkt`),
  p('none', String.raw`^intet\.?$`),
];

/** Higher wins. */
const STRENGTH: Readonly<Record<Found, number>> = {
  recommended: 7,
  approved: 6,
  rejected: 5,
  postponed: 4,
  noted: 3,
  discussed: 2,
  other: 1,
  none: 0,
};

/** A sentence end followed by a capital or digit, or a numbered point ("2. Godkendt", "b) ..."). */
const SEGMENT_BREAK = /(?<=[.!?;])\s+(?=[A-ZÆØÅ\d])|\s+(?=(?:\d{1,2}|[a-h])[.)]\s+\p{L})/u;
/** Bullets, "1.", "a)", "Ad 2:" before the phrase. */
const LEAD = /^(?:[-•–*]\s*)?(?:(?:ad\s+)?(?:\d{1,2}|[a-h])\s*[.):]\s*)?(?:[-•–*]\s*)?(?:\*\*)?/i;

export function classifyDecision(text: string): Classification {
  const clean = joinLines(liftAbsence(text.split('\n').map((l) => l.trim())).lines);
  const best = strongestPhrase(clean);
  if (best === 'recommended') return { step: 'recommended', text: clean };
  if (best === 'none') return { step: 'none', text: clean };
  return { step: 'decided', outcome: best, text: clean, known: best !== 'other' };
}

function strongestPhrase(text: string): Found {
  if (text.length === 0) return 'none';
  let best: Found | null = null;
  for (const segment of segments(text)) {
    const found = phraseAt(segment);
    if (found !== null && (best === null || STRENGTH[found] > STRENGTH[best])) best = found;
  }
  return best ?? 'other';
}

function segments(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    for (const part of line.split(SEGMENT_BREAK)) {
      const s = part.replace(LEAD, '').trim();
      if (s.length > 0) out.push(s);
    }
  }
  return out;
}

function phraseAt(segment: string): Found | null {
  for (const { found, re } of PHRASES) {
    if (re.test(segment)) return found;
  }
  return null;
}
