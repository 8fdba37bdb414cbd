import type { DecisionOutcome } from '@sagsspor/read-model';
import type { SagStatus, Step } from '@sagsspor/sag';

/** Danish words for the domain's classes, in one place for every page, feed and export. */
export const OUTCOME: Record<DecisionOutcome, string> = {
  approved: 'Godkendt',
  noted: 'Taget til efterretning',
  discussed: 'Drøftet',
  rejected: 'Ikke godkendt',
  postponed: 'Udsat',
  other: 'Anden beslutning',
  recommended: 'Anbefalet',
};

export const STEP: Record<Step, string> = {
  proposed: 'Indstilling',
  genoptaget: 'Genoptaget',
  recommended: 'Anbefaling',
  decided: 'Beslutning',
};

export const STATUS: Record<SagStatus, string> = {
  proposed: 'På dagsordenen',
  recommended: 'Anbefalet videre',
  decided: 'Afgjort',
  postponed: 'Udsat',
  genoptaget: 'Genoptaget',
};

export const CLOSED_LABEL = 'Lukket punkt';

const DAY = new Intl.DateTimeFormat('da-DK', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const SHORT_DAY = new Intl.DateTimeFormat('da-DK', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const INSTANT = new Intl.DateTimeFormat('da-DK', { dateStyle: 'long', timeStyle: 'medium', timeZone: 'Europe/Copenhagen' });

/**
 * Intl formatting costs microseconds a call and a page makes dozens of
 * calls for a handful of distinct dates: each formatter remembers what it
 * wrote (forgetting all at a bound, so the memory stays small).
 */
function remembered(format: (raw: string) => string): (raw: string) => string {
  const seen = new Map<string, string>();
  return (raw) => {
    let text = seen.get(raw);
    if (text === undefined) {
      if (seen.size >= 5_000) seen.clear();
      text = format(raw);
      seen.set(raw, text);
    }
    return text;
  };
}

function formatDate(f: Intl.DateTimeFormat, date: string): string {
  const ms = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(ms) ? date : f.format(ms);
}

/** "5. februar 2024" for a business date (YYYY-MM-DD). */
export const day = remembered((date) => formatDate(DAY, date));

export const shortDay = remembered((date) => formatDate(SHORT_DAY, date));

/** A recorded-at instant in Danish time. */
export const instant = remembered((iso) => {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : INSTANT.format(ms);
});

/** What a treatment came to, in a word or two: "Godkendt", "Anbefalet til Økonomiudvalget". */
export function outcomeOf(entry: { kind: Step; outcome?: DecisionOutcome | null; recommendedTo?: string | null }): string {
  if (entry.kind === 'decided' && entry.outcome) return OUTCOME[entry.outcome];
  if (entry.kind === 'recommended') return entry.recommendedTo ? `Anbefalet til ${entry.recommendedTo}` : OUTCOME.recommended;
  return STEP[entry.kind];
}

/** What a committee's treatment came to, on the route row: "Godkendt", "Anbefalet", or "På dagsordenen" while it awaits an outcome. */
export function visitLabel(visit: { kind: Step; outcome: DecisionOutcome | null }): string {
  return visit.kind === 'proposed' ? STATUS.proposed : outcomeOf({ ...visit, recommendedTo: null });
}

/** Path of a sag's page; numbers with "/" are encoded, as in the API. */
export function sagPath(kommune: string, sagsnummer: string): string {
  return `/sag/${encodeURIComponent(kommune)}/${encodeURIComponent(sagsnummer)}`;
}

export function committeePath(kommune: string, committeeKey: string): string {
  return `/udvalg/${encodeURIComponent(kommune)}/${encodeURIComponent(committeeKey)}`;
}

/** A query string from the set values, in the order given. */
export function query(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
