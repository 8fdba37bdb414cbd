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

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

export function kommuneName(raw: string): string {
  return collapse(raw).replace(/(^|\s+)kommune$/i, '');
}

export function kommuneKey(raw: string): string {
  return kommuneName(raw).toLocaleLowerCase('da');
}

/** " - 2022-2025", "(2022-2025)", " 2018-2021" at the end of a committee name. */
const PERIOD_SUFFIX = /\s*(?:[-–]\s*|\(\s*)?(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}\s*\)?\s*$/;

/** Zero-width space/joiners, word joiner, BOM, soft hyphen: invisible, yet they make equal names differ. */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
/** Minutes extracted from PDFs arrive in NFD as often as not. */
const visible = (name: string): string => collapse(name.normalize('NFC').replace(INVISIBLE, ''));

export function committeePeriod(name: string): string | null {
  const years = PERIOD_SUFFIX.exec(visible(name))?.[0].match(/\d{4}/g);
  return years && years.length === 2 ? `${years[0]}-${years[1]}` : null;
}

/** The committee name as printed, without its electoral period. */
export function committeeDisplayName(name: string): string {
  return collapse(visible(name).replace(PERIOD_SUFFIX, ''));
}

/**
 * The key of one spelling of a committee, as treatments record it. Which
 * spellings name the same committee is the committee registry's rule
 * (committee/naming.ts), built on this key.
 */
export function committeeKey(name: string): string {
  return committeeDisplayName(name)
    .toLocaleLowerCase('da')
    .replace(/\s*&\s*/g, ' og ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function sagStreamName(sag: SagId): string {
  return `sag-${kommuneKey(sag.kommune)}:${sag.sagsnummer}`;
}

/** Sag numbers are kept exactly as printed; only surrounding blanks go. */
export function normaliseSagsnummer(raw: string): string {
  return raw.trim();
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
