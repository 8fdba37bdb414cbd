import { stringify } from 'csv-stringify/sync';
import type { Response } from 'express';
import type { DecisionEntry, Page, SagSummary } from '@sagsspor/read-model';

export const CSV_TYPE = 'text/csv; charset=utf-8';

/** Columns are the JSON's field names, so a row reads the same in either. Lists become "; "-separated text. */
export const SAGER_COLUMNS = [
  'kommune',
  'sagsnummer',
  'title',
  'status',
  'access',
  'lastCommittee',
  'lastDate',
  'firstDate',
  'recommendedTo',
  'committees',
  'revision',
] as const;

export const DECISION_COLUMNS = [
  'kommune',
  'sagsnummer',
  'title',
  'committee',
  'meetingDate',
  'item',
  'step',
  'outcome',
  'recommendedTo',
  'text',
  'access',
  'eventId',
] as const;

export function sagerRows(items: readonly SagSummary[]): unknown[][] {
  return items.map((s) => SAGER_COLUMNS.map((c) => (c === 'committees' ? s.committees.map((x) => x.committee).join('; ') : s[c])));
}

export function decisionRows(items: readonly DecisionEntry[]): unknown[][] {
  return items.map((d) => DECISION_COLUMNS.map((c) => d[c]));
}

/**
 * Writes pages as they come: with `limit` the one page the JSON would
 * answer (its next cursor in a Link header), without it every page. A BOM
 * first, so spreadsheet programs read Danish letters as UTF-8.
 */
export async function sendCsv<T>(
  res: Response,
  filename: string,
  columns: readonly string[],
  toRows: (items: readonly T[]) => unknown[][],
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
  options: { onePage: boolean; nextLink: (cursor: string) => string },
): Promise<void> {
  const first = await fetchPage(undefined);
  res.status(200).type(CSV_TYPE);
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.setHeader('Cache-Control', 'private, no-cache');
  res.vary('Cookie').vary('Accept');
  if (options.onePage && first.nextCursor) res.setHeader('Link', `<${options.nextLink(first.nextCursor)}>; rel="next"`);
  res.write(stringify(toRows(first.items), { header: true, columns: [...columns], bom: true, cast: { boolean: String } }));
  for (let page = first; !options.onePage && page.nextCursor; ) {
    page = await fetchPage(page.nextCursor);
    res.write(stringify(toRows(page.items)));
  }
  res.end();
}
