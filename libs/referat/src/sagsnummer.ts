import { parseNumericDate } from './dates';

/**
 * Sag numbers are kept exactly as printed: "23-002657", "330-2019-57265",
 * "19/3742", "00.01.00-I00-23-12", "15.00.00-K01-1-20". They appear either
 * bare on the line after the item title (Lejre) or as "Sagsnr.: ..." —
 * sometimes on one line with "Dok.nr.: ..." (Slagelse).
 */

/** Starts with a digit, has at least one separator, no blanks. */
const SAG_TOKEN = /^\d[0-9A-Za-zÆØÅæøå]*(?:[-./][0-9A-Za-zÆØÅæøå]+)+$/;
const MAX_LENGTH = 40;

/** An electoral or budget period ("2022-2025") on its own line is not a sag number. */
const YEAR_RANGE = /^(?:19|20)\d{2}-(?:19|20)\d{2}$/;

export function looksLikeSagsnummer(s: string): boolean {
  return s.length <= MAX_LENGTH && SAG_TOKEN.test(s) && parseNumericDate(s) === null && !YEAR_RANGE.test(s);
}

/** The label must be followed by "." / ":" / a blank and the number must start with a digit, so prose ("Sagsnummeret er ...") is not read as one. */
const SAGSNR = /^(?:sagsnr|sags\s*nr|sagsnummer|journalnr|journal\s*nr|j\.\s*nr)(?:\.?\s*:|\.|\s)\s*(\d\S*)/i;
const DOKNR = /(?:^|\s)dok(?:ument)?\.?\s*nr(?:\.?\s*:|\.|\s)\s*(\d\S*)/i;

/** First letters of the labels (s, j, d), lower-cased: most lines are ruled out by their first character. */
const NUMBER_LABEL_START: ReadonlySet<number> = new Set([0x73, 0x6a, 0x64]);

/** The numbers on a "Sagsnr.: ... [Dok.nr.: ...]" or "Dok.nr.: ..." line; null for any other line. */
export function sagsnummerLine(line: string): { sagsnummer: string | null; documentNumber: string | null } | null {
  if (!NUMBER_LABEL_START.has(line.charCodeAt(0) | 0x20)) return null;
  const sag = SAGSNR.exec(line);
  const dok = DOKNR.exec(line);
  if (!sag && !(dok && dok.index === 0)) return null;
  return { sagsnummer: sag ? cleanNumber(sag[1]) : null, documentNumber: dok ? cleanNumber(dok[1]) : null };
}

function cleanNumber(s: string | undefined): string | null {
  const n = (s ?? '').replace(/[,;]$/, '');
  return n.length > 0 ? n : null;
}
