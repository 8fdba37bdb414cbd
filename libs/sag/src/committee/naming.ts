import { committeeDisplayName, committeeKey } from '../identity';

/** Abbreviations of committee names: from initials and from a document's own usage. */
const UDVALGET_FOR = /^udvalget for /;

/** Words that carry no initial in an abbreviation ("Social, Sundhed og Ældre" → SSÆ). */
const MINOR_WORDS: ReadonlySet<string> = new Set(['og', 'for', 'i', 'med', 'til', 'af', 'samt', 'the']);
/** A compound's last part gives its own initial: Økonomi-udvalget → ØU, Kommunal-bestyrelsen → KB. */
const BODY_SUFFIXES = ['udvalget', 'bestyrelsen', 'rådet'] as const;
/** The council's customary short forms that initials alone do not give. */
const COUNCIL_FORMS: Readonly<Record<string, readonly string[]>> = { byrådet: ['BY'] };

/** What an abbreviation looks like: 2-6 capital letters, Danish ones included. */
const ABBREVIATION = /^[A-ZÆØÅ]{2,6}$/u;

export function isAbbreviation(text: string): boolean {
  return ABBREVIATION.test(text.normalize('NFC').trim());
}

/**
 * The abbreviations a committee's name gives from its initials. "Udvalget
 * for X" gives X's initials (SSÆ, JAI); a compound body name gives both
 * with and without the body's initial (TMU and TM), because both are used.
 */
export function abbreviationsOf(name: string): string[] {
  const key = committeeDisplayName(name).toLocaleLowerCase('da');
  const form = committeeKey(name);
  const words = form.split(/[\s,/]+/).filter((w) => w !== '' && !MINOR_WORDS.has(w));
  const last = words[words.length - 1];
  if (!last) return [];
  const initials = words.map((w) => initial(w));
  const suffix = BODY_SUFFIXES.find((s) => last.endsWith(s) && last.length > s.length);
  const out = new Set<string>(COUNCIL_FORMS[form] ?? []);
  if (UDVALGET_FOR.test(key) || !suffix) {
    out.add(initials.join(''));
  } else {
    out.add(initials.join('') + initial(suffix));
    out.add(initials.join(''));
  }
  return [...out].filter((a) => ABBREVIATION.test(a)).sort();
}

const initial = (word: string): string => (word[0] ?? '').toLocaleUpperCase('da');

/** "SSÆ/BU/JAI - Status på kvartalsplaner" → ["SSÆ", "BU", "JAI"]; a title without such a prefix → []. */
export function titlePrefixAbbreviations(title: string): string[] {
  const m = /^\s*([A-ZÆØÅ]{2,6}(?:\s*\/\s*[A-ZÆØÅ]{2,6})*)\s+[-–]\s+\S/u.exec(title.normalize('NFC'));
  return m?.[1] ? m[1].split('/').map((a) => a.trim()) : [];
}

/**
 * The abbreviation a committee's own minutes use for it: the one that every
 * item title's prefix carries ("JAI - Orientering maj 2024", and
 * "SSÆ/BU/JAI - Status" in the same minutes). Two items at least, so that a
 * single item about several committees teaches nothing.
 */
export function ownAbbreviation(itemTitles: readonly string[]): string | null {
  if (itemTitles.length < 2) return null;
  const [first = [], ...rest] = itemTitles.map((t) => titlePrefixAbbreviations(t));
  const common = first.filter((a) => rest.every((p) => p.includes(a)));
  return common.length === 1 ? (common[0] ?? null) : null;
}
