/**
 * Identity of a sag and of the committees that treat it. A sag number is
 * unique only within one kommune, and kommuner and committees are written in
 * many ways, so everything that identifies goes through these keys.
 */
export interface SagId {
  /** Display name of the kommune, without a trailing " Kommune". */
  readonly kommune: string;
  readonly sagsnummer: string;
}

/** The longest name of each kind, wherever it arrives (path, query, body, minutes). */
export const IDENTITY_LIMITS = { kommune: 100, sagsnummer: 100, committee: 300 } as const;
export type IdentityKind = keyof typeof IDENTITY_LIMITS;
/** Agenda item numbers: punkt 1 is the first. */
export const ITEM_LIMITS = { min: 1, max: 1_000_000 } as const;

/** Invisible characters (zero-width space/joiners, word joiner, BOM, soft hyphen) that make equal names differ. */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
/** Bidirectional controls reorder what is shown: a name with one can read as another. */
const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
/** Hyphens, dashes and minus signs that look like "-". */
const HYPHEN_LIKE = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;
/** What a kommune's name is written with (Lyngby-Taarbæk, Bornholms Regionskommune); no markup, no slashes. */
const KOMMUNE_CHARACTERS = /^[\p{L}\p{M}\p{N} .'’:&()-]+$/u;
const DECIMAL_DIGIT = /\p{Nd}/u;
const NON_ASCII_DIGIT = /(?![0-9])\p{Nd}/gu;

/**
 * Text as recorded: NFC (minutes extracted from PDFs arrive in NFD as often
 * as not) and without invisible characters. Applied to every text a
 * treatment carries, so the same minutes in another normal form are the same.
 */
export function cleanText(raw: string): string {
  return raw.normalize('NFC').replace(INVISIBLE, '');
}

/**
 * The one normalisation of names that identify (kommune, sag number,
 * committee): clean text, any script's decimal digits as ASCII digits (a
 * fullwidth "２３" is 23), hyphen look-alikes as "-", surrounding blanks gone.
 */
export function normaliseName(raw: string): string {
  return cleanText(raw).replace(NON_ASCII_DIGIT, asciiDigit).replace(HYPHEN_LIKE, '-').trim();
}

/** Unicode encodes each script's decimal digits as runs from 0 to 9, so the value is the offset in the run. */
function asciiDigit(digit: string): string {
  const code = digit.codePointAt(0) ?? 0;
  let start = code;
  while (DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start -= 1;
  return String((code - start) % 10);
}

/** Why this text cannot name a kommune, sag or committee; null when it can. */
export function identityProblem(kind: IdentityKind, raw: unknown): string | null {
  if (typeof raw !== 'string') return `${kind} must be text`;
  if (BIDI_CONTROL.test(raw)) return `${kind} must not contain bidirectional control characters`;
  const name = kind === 'kommune' ? kommuneName(raw) : normaliseName(raw);
  const limit = IDENTITY_LIMITS[kind];
  if (name.length > limit) return `${kind} must be at most ${limit} characters`;
  if (!/[\p{L}\p{N}]/u.test(name)) return `${kind} must contain a letter or a digit`;
  if (kind === 'kommune' && !KOMMUNE_CHARACTERS.test(name)) return `kommune must be letters, digits, spaces and . ' : & ( ) -`;
  return null;
}

/** Why this cannot be an agenda item number; null when it can (absent is allowed: unknown). */
export function itemProblem(item: unknown): string | null {
  if (item === null || item === undefined) return null;
  return typeof item === 'number' && Number.isSafeInteger(item) && item >= ITEM_LIMITS.min && item <= ITEM_LIMITS.max
    ? null
    : `item must be a whole number from ${ITEM_LIMITS.min} to ${ITEM_LIMITS.max}`;
}

const collapse = (s: string): string => normaliseName(s).replace(/\s+/g, ' ');

export function kommuneName(raw: string): string {
  return collapse(raw).replace(/(^|\s+)kommune$/i, '');
}

export function kommuneKey(raw: string): string {
  return kommuneName(raw).toLocaleLowerCase('da');
}

/** " - 2022-2025", "(2022-2025)", " 2018-2021" at the end of a committee name. */
const PERIOD_SUFFIX = /\s*(?:[-–]\s*|\(\s*)?(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}\s*\)?\s*$/;

export function committeePeriod(name: string): string | null {
  const years = PERIOD_SUFFIX.exec(collapse(name))?.[0].match(/\d{4}/g);
  return years && years.length === 2 ? `${years[0]}-${years[1]}` : null;
}

/** The committee name as printed, without its electoral period. */
export function committeeDisplayName(name: string): string {
  return collapse(collapse(name).replace(PERIOD_SUFFIX, ''));
}

/** "teknik- og miljøudvalget", "børne-, unge- og familieudvalget": the hyphen stands for the shared "udvalget". */
const SUSPENDED_HYPHEN = /(\p{L})-(?=\s|,)/gu;
/** Indefinite forms as printed in running text ("teknik og miljøudvalg") read as the definite name. */
const INDEFINITE: readonly [RegExp, string][] = [
  [/udvalg(?=$|[\s,])/g, 'udvalget'],
  [/byråd(?=$|[\s,])/g, 'byrådet'],
  [/bestyrelse(?=$|[\s,])/g, 'bestyrelsen'],
];
const UDVALGET_FOR = /^udvalget for /;

/**
 * The one key of a committee: every spelling of one committee has the same.
 * Conservative on purpose: names fold together only by spelling (case,
 * "&"/"og", a suspended hyphen, the definite form, "Udvalget for X", the
 * period), never by similarity, so "Børne- og Familieudvalget" and
 * "Børne- og Ungdomsudvalget" stay apart.
 */
export function committeeKey(name: string): string {
  let form = committeeDisplayName(name)
    .toLocaleLowerCase('da')
    .replace(/\s*&\s*/g, ' og ')
    .replace(SUSPENDED_HYPHEN, '$1');
  for (const [pattern, definite] of INDEFINITE) form = form.replace(pattern, definite);
  return form.replace(UDVALGET_FOR, '').replace(/\s+/g, ' ').trim();
}

const storedKeys = new Map<string, string>();

/**
 * The key of a committee key as a record stored it: records written before
 * the key folded spellings (or by a looser rule) read as one committee with
 * today's. Memoised: readers ask once per record.
 */
export function storedCommitteeKey(stored: string): string {
  let key = storedKeys.get(stored);
  if (key === undefined) {
    if (storedKeys.size >= 10_000) storedKeys.clear();
    key = committeeKey(stored);
    storedKeys.set(stored, key);
  }
  return key;
}

/**
 * `sag-<kommune key>:<sag number>`. A kommune key holding ":" or "%" has
 * them percent-encoded, so the first ":" always ends the kommune and two
 * sager never share a stream (`Kx:y` + `z` against `Kx` + `y:z`); every
 * other name, and so every stream written before, is unchanged.
 */
export function sagStreamName(sag: SagId): string {
  const kommune = kommuneKey(sag.kommune).replace(/[%:]/g, (c) => (c === '%' ? '%25' : '%3A'));
  return `${SAG_STREAM_PREFIX}${kommune}:${normaliseSagsnummer(sag.sagsnummer)}`;
}

/** Every sag stream's name starts so (on EventStoreDB: the category `sag`); no other stream of the store is this system's. */
export const SAG_STREAM_PREFIX = 'sag-';

export function isSagStream(streamName: string): boolean {
  return streamName.startsWith(SAG_STREAM_PREFIX);
}

/** Sag numbers are kept as printed, in the one normal form of names (see normaliseName). */
export function normaliseSagsnummer(raw: string): string {
  return normaliseName(raw);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A business date: a real calendar day written YYYY-MM-DD. */
export function isBusinessDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
