import { InvalidInputError } from '@sagsspor/kernel';

/** A sag's ETag is its stream revision. */
export const etagOf = (revision: number): string => `"${revision}"`;

/** The revision an If-Match header names; undefined when absent or "*". */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const m = /^\s*(?:W\/)?"?(-?\d{1,15})"?\s*$/.exec(header);
  if (!m) throw new InvalidInputError('If-Match must be an ETag received from this API, such as "3".');
  return Number(m[1]);
}
