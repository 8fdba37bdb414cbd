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
/** "Indstillingen tiltrådt", "Godkendt som indstillet": agreement with the proposal, classed by what it proposes. */
type Matched = Found | 'agreed' | 'resolved';

interface Phrase {
  readonly found: Matched;
  readonly re: RegExp;
}

/** A phrase ends at a word end: "Udsat." is a phrase, "Udsatte borgere" is not. */
const WORD_END = '(?![\\p{L}\\d])';

function p(found: Matched, source: string): Phrase {
  return { found, re: new RegExp(`${source}${WORD_END}`, 'iu') };
}

const PROPOSAL_NOUN = String.raw`(?:(?:direktionens|forvaltningens|administrationens|formandens)\s+)?(?:indstillingen|indstillingerne|indstilling)`;

/** Checked in order; negated phrases come before the positive ones they contain. */
const PHRASES: readonly Phrase[] = [
  p('rejected', String.raw`^ikke\s+(?:godkendt|tiltrådt|anbefalet|vedtaget)`),
  p('rejected', String.raw`^(?:${PROPOSAL_NOUN}|forslaget)\s+(?:blev\s+|er\s+)?ikke\s+(?:tiltrådt|godkendt|anbefalet)`),
  p('rejected', String.raw`^(?:indstillingen\s+|indstillingerne\s+|forslaget\s+)?anbefales\s+ikke`),
  p('rejected', String.raw`^udvalget\s+godkendte\s+ikke`),
  p('rejected', String.raw`^(?:forkastet|afvist)`),
  p('recommended', String.raw`^(?:indstillingen\s+|indstillingerne\s+|forslaget\s+|sagen\s+)?(?:kan\s+)?anbefales`),
  p('recommended', String.raw`^indstilles\s+godkendt`),
  p('recommended', String.raw`^udvalget\s+anbefaler`),
  p(
    'agreed',
    String.raw`^(?:${PROPOSAL_NOUN}\s+(?:blev\s+|er\s+)?(?:tiltrådt|godkendt|fulgt)|tiltrådt|(?:godkendt|tiltrådt|vedtaget)\s+som\s+indstillet)`,
  ),
  p('approved', String.raw`^(?:godkendt|godkendes|vedtaget)`),
  p('approved', String.raw`^forslaget\s+(?:blev\s+|er\s+)?(?:tiltrådt|godkendt|godkendes)`),
  p('approved', String.raw`^udvalget\s+(?:godkendte|godkender)`),
  p('resolved', String.raw`^(?:udvalget\s+drøftede\b.{0,400}?\bog\s+|udvalget\s+|det\s+blev\s+)?(?:besluttede|besluttet)\s*,?\s+at`),
  p(
    'noted',
    String.raw`^(?:orienteringen\s+|orienteringerne\s+|opfølgningen\s+|sagen\s+|redegørelsen\s+)?(?:blev\s+)?taget\s+til\s+(?:efterretning|orientering)`,
  ),
  p('noted', String.raw`^udvalget\s+tog\s+[^.]{0,80}?\btil\s+(?:efterretning|orientering)`),
  p('noted', String.raw`^(?:[\p{L}.-]+\s+){0,4}orienterede(?:\s+(?:om|udvalget))?`),
  p('noted', String.raw`^(?:udvalget\s+)?(?:blev\s+)?orienteret|^orientering(?:en)?\s+(?:blev\s+)?givet|^til\s+orientering`),
  p('discussed', String.raw`^(?:sagen\s+|punktet\s+)?(?:blev\s+)?drøftet`),
  p('discussed', String.raw`^udvalget\s+drøftede`),
  p('postponed', String.raw`^(?:sagen\s+|punktet\s+)?(?:blev\s+)?(?:genoptages|udsat|udsættes)`),
  p('none', String.raw`^intet\s+under\s+dette\s+punkt`),
  p('none', String.raw`^(?:der\s+var\s+)?(?:intet|ingen(?:\s+(?:bemærkninger|punkter|sager))?)(?:\s+(?:under|til|at)\s[^.]*)?\.?$`),
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

/**
 * What a proposal point ("at orienteringen tages til efterretning") or a
 * resolved clause ("at godkende planen") asks for, by its verb; the
 * strongest verb of the point wins.
 */
const VERBS: readonly { found: Found; re: RegExp }[] = [
  { found: 'recommended', re: /\banbefal(?:e|er|es)\b/i },
  {
    found: 'approved',
    re: /\b(?:godkend(?:e|er|es)|vedtag(?:e|er|es)|tiltræd(?:e|er|es)|bevilg(?:e|er|es)|frigiv(?:e|er|es)|igangsætt(?:e|er|es))\b/i,
  },
  { found: 'postponed', re: /\b(?:udsætt(?:e|er|es)|genoptag(?:e|er|es))\b/i },
  { found: 'noted', re: /\btil\s+(?:efterretning|orientering)\b|\borienter(?:es|e)\b/i },
  { found: 'discussed', re: /\bdrøft(?:e|er|es)\b/i },
];

function verbOf(text: string): Found | null {
  let best: Found | null = null;
  for (const { found, re } of VERBS) if (re.test(text) && (best === null || STRENGTH[found] > STRENGTH[best])) best = found;
  return best;
}

/** A sentence end followed by a capital or digit, or a numbered point ("2. Godkendt", "b) ..."). */
const SEGMENT_BREAK = /(?<=[.!?;])\s+(?=[A-ZÆØÅ\d])|\s+(?=(?:\d{1,2}|[a-h])[.)]\s+\p{L})/u;
/** Bullets, "1.", "a)", "Ad 2:" before the phrase; the point's number or letter captured. */
const LEAD = /^(?:[-•–*]\s*)?(?:(?:ad\s+)?(\d{1,2}|[a-h])\s*[.):]\s*)?(?:[-•–*]\s*)?(?:\*\*)?/i;

export interface DecisionContext {
  /** The points of the indstilling the decision answers ("at orienteringen tages til efterretning"). */
  readonly proposalPoints?: readonly string[];
}

export function classifyDecision(text: string, context: DecisionContext = {}): Classification {
  const clean = joinLines(liftAbsence(text.split('\n').map((l) => l.trim())).lines);
  const { best, guessed } = strongestPhrase(clean, context.proposalPoints ?? []);
  if (best === 'recommended') return { step: 'recommended', text: clean };
  if (best === 'none') return { step: 'none', text: clean };
  return { step: 'decided', outcome: best, text: clean, known: best !== 'other', ...(guessed ? { guessed } : {}) };
}

interface Segment {
  readonly text: string;
  /** 1-based number of the point it answers ("2. Tiltrådt", "b) ..."), else null. */
  readonly point: number | null;
}

function strongestPhrase(text: string, points: readonly string[]): { best: Found; guessed?: true } {
  if (text.length === 0) return { best: 'none' };
  let best: Found | null = null;
  let guessed = false;
  for (const segment of segments(text)) {
    const found = phraseAt(segment, points);
    if (found !== null && (best === null || STRENGTH[found.found] > STRENGTH[best])) {
      best = found.found;
      guessed = found.guessed;
    }
  }
  return best === null ? { best: 'other' } : guessed ? { best, guessed: true } : { best };
}

function segments(text: string): Segment[] {
  const out: Segment[] = [];
  for (const line of text.split('\n')) {
    for (const part of line.split(SEGMENT_BREAK)) {
      const lead = LEAD.exec(part);
      const s = part.slice(lead?.[0].length ?? 0).trim();
      if (s.length > 0) out.push({ text: s, point: pointNumber(lead?.[1]) });
    }
  }
  return out;
}

function pointNumber(label: string | undefined): number | null {
  if (label === undefined) return null;
  const n = Number(label);
  return Number.isInteger(n) ? n : label.toLowerCase().charCodeAt(0) - 0x60;
}

function phraseAt(segment: Segment, points: readonly string[]): { found: Found; guessed: boolean } | null {
  for (const { found, re } of PHRASES) {
    const m = re.exec(segment.text);
    if (!m) continue;
    if (found === 'agreed') return { found: agreedWith(segment.point, points), guessed: false };
    if (found === 'resolved') {
      const verb = verbOf(segment.text.slice(m.index + m[0].length - 2));
      return verb ? { found: verb, guessed: false } : { found: 'approved', guessed: true };
    }
    return { found, guessed: false };
  }
  return null;
}

/** "Tiltrådt" takes the verb of the point it answers, or the strongest of all points; approved when none is named. */
function agreedWith(point: number | null, points: readonly string[]): Found {
  const answered = point !== null && points[point - 1] !== undefined ? [points[point - 1] ?? ''] : points;
  let best: Found | null = null;
  for (const p of answered) {
    const verb = verbOf(p);
    if (verb !== null && (best === null || STRENGTH[verb] > STRENGTH[best])) best = verb;
  }
  return best ?? 'approved';
}
