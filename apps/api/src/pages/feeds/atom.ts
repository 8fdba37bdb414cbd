import { Feed } from 'feed';
import type { DecisionEntry } from '@sagsspor/read-model';
import type { TimelineEntry } from '@sagsspor/sag';
import { day, outcomeOf, sagPath } from '../labels';
import { escapeHtml, renderView } from '../views';

/** One Atom entry: a treatment step, identified by its event id (stable across retries, imports and rebuilds). */
export interface FeedEntry {
  readonly eventId: string;
  readonly kommune: string;
  readonly sagsnummer: string;
  /** The sag's title as this reader may see it. */
  readonly sagTitle: string | null;
  readonly committee: string;
  readonly date: string;
  readonly item: number | null;
  readonly summary: string;
  readonly text: string;
  readonly closed: boolean;
  /** When it became known (provenance), if the source carries it. */
  readonly recordedAt: string | null;
}

export interface FeedHead {
  readonly title: string;
  readonly subtitle: string;
  /** Absolute URLs: the feed itself and the page it follows. */
  readonly self: string;
  readonly page: string;
}

export const FEED_TYPE = 'application/atom+xml; charset=utf-8';
export const MAX_FEED_ENTRIES = 50;

export function timelineFeedEntry(sag: { kommune: string; sagsnummer: string; title: string | null }, e: TimelineEntry): FeedEntry {
  return {
    eventId: e.provenance.eventId,
    kommune: sag.kommune,
    sagsnummer: sag.sagsnummer,
    sagTitle: sag.title,
    committee: e.committee,
    date: e.date,
    item: e.item,
    summary: outcomeOf(e),
    text: e.text,
    closed: e.access === 'closed',
    recordedAt: e.provenance.recordedAt,
  };
}

export function decisionFeedEntry(d: DecisionEntry): FeedEntry {
  return {
    eventId: d.eventId,
    kommune: d.kommune,
    sagsnummer: d.sagsnummer,
    sagTitle: d.title,
    committee: d.committee,
    date: d.meetingDate,
    item: d.item,
    summary: outcomeOf({ kind: d.step, outcome: d.outcome, recommendedTo: d.recommendedTo }),
    text: d.text,
    closed: d.access === 'closed',
    recordedAt: null,
  };
}

/** Newest meeting first, then the latest recorded. */
export function newestFirst(a: FeedEntry, b: FeedEntry): number {
  return b.date.localeCompare(a.date) || (b.recordedAt ?? '').localeCompare(a.recordedAt ?? '');
}

/**
 * Atom 1.0 through the `feed` package. It writes titles and content as
 * type="html", so every text is escaped first: a title reads as written,
 * and no "]]>" can end its CDATA early.
 */
export function atomFeed(head: FeedHead, entries: readonly FeedEntry[], origin: string): string {
  const dates = entries.map(updatedOf);
  const updated = dates.length > 0 ? new Date(Math.max(...dates.map((d) => d.getTime()))) : new Date(0);
  const feed = new Feed({
    id: head.self,
    title: head.title,
    description: head.subtitle,
    link: head.page,
    feedLinks: { atom: head.self },
    language: 'da',
    updated,
    generator: 'Sagsspor',
    copyright: '',
  });
  entries.forEach((e, i) => {
    const link = `${origin}${sagPath(e.kommune, e.sagsnummer)}`;
    feed.addItem({
      id: `urn:uuid:${e.eventId}`,
      title: escapeHtml(`${e.committee}, ${day(e.date)}: ${e.summary} — sag ${e.sagsnummer}${e.sagTitle ? ` ${e.sagTitle}` : ''}`),
      link,
      date: dates[i] as Date,
      published: new Date(`${e.date}T00:00:00Z`),
      description: escapeHtml(summaryLine(e)),
      content: renderView('feed-entry', { e }),
    });
  });
  return feed.atom1();
}

function summaryLine(e: FeedEntry): string {
  return `${e.summary}${e.item !== null ? ` (punkt ${e.item})` : ''}`;
}

function updatedOf(e: FeedEntry): Date {
  const recorded = e.recordedAt === null ? NaN : Date.parse(e.recordedAt);
  return new Date(Number.isNaN(recorded) ? `${e.date}T00:00:00Z` : recorded);
}
