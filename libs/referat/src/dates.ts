/**
 * Danish dates as printed in minutes: "7. februar 2024", "07-02-2024",
 * "02/09/2019", "5.3.2019". Everything becomes YYYY-MM-DD; impossible calendar
 * days become null so the caller can report them.
 */

const MONTHS: ReadonlyMap<string, number> = new Map([
  ['januar', 1],
  ['februar', 2],
  ['marts', 3],
  ['april', 4],
  ['maj', 5],
  ['juni', 6],
  ['juli', 7],
  ['august', 8],
  ['september', 9],
  ['oktober', 10],
  ['november', 11],
  ['december', 12],
]);

/** Source of a regex matching one Danish month name (for composing patterns). */
export const MONTH_NAMES = '(?:januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december)';

/** "7. februar 2024" (the dot may be missing). Groups: day, month name, year. */
export const TEXT_DATE = `(\\d{1,2})\\.?\\s+(${MONTH_NAMES})\\s+(\\d{4})`;

/** "07-02-2024", "7/2/2024", "07.02.2024". Groups: day, month, year. */
export const NUMERIC_DATE = `(\\d{1,2})[-/.](\\d{1,2})[-/.](\\d{4})`;

const TEXT_DATE_RE = new RegExp(TEXT_DATE, 'i');
const NUMERIC_DATE_RE = new RegExp(`^${NUMERIC_DATE}$`);
const WHOLE_TEXT_DATE_RE = new RegExp(`^${TEXT_DATE}$`, 'i');

export function isoDate(day: number, month: number, year: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return null;
  }
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

export function monthNumber(name: string): number | null {
  return MONTHS.get(name.toLowerCase()) ?? null;
}

/** The first "D. month YYYY" in `s`, as YYYY-MM-DD. */
export function findTextDate(s: string): string | null {
  const m = TEXT_DATE_RE.exec(s);
  if (!m) return null;
  return fromTextParts(m[1], m[2], m[3]);
}

export function fromTextParts(day?: string, monthName?: string, year?: string): string | null {
  const month = monthName === undefined ? null : monthNumber(monthName);
  if (day === undefined || year === undefined || month === null) return null;
  return isoDate(Number(day), month, Number(year));
}

export function fromNumericParts(day?: string, month?: string, year?: string): string | null {
  if (day === undefined || month === undefined || year === undefined) return null;
  return isoDate(Number(day), Number(month), Number(year));
}

/** A whole string that is one numeric date ("02-09-2019"). */
export function parseNumericDate(s: string): string | null {
  const m = NUMERIC_DATE_RE.exec(s.trim());
  return m ? fromNumericParts(m[1], m[2], m[3]) : null;
}

/** Either form, the whole string. */
export function parseAnyDate(s: string): string | null {
  const numeric = parseNumericDate(s);
  if (numeric) return numeric;
  const m = WHOLE_TEXT_DATE_RE.exec(s.trim());
  return m ? fromTextParts(m[1], m[2], m[3]) : null;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
