import { EVENT_TYPES, stepOf, type Access, type Evidence, type Outcome, type SagEvent, type Step } from './events';
import { storedCommitteeKey } from './identity';
import { sameTreatment, type TreatmentLocator } from './treatment';

/**
 * What readers show of one treatment record, whatever keeps it: the stream
 * history (buildHistory), the projected read models, the integration events.
 * The rules below read these fields only, so each is written once.
 */
export interface TreatmentFacts extends TreatmentLocator {
  readonly step: Step;
  readonly committee: string;
  /** Read in the committee's own minutes (direct), or in another's reference to it. */
  readonly evidence: Evidence;
  /** Proposed records only. */
  readonly title: string | null;
  readonly access: Access | null;
  /** Decided records only. */
  readonly outcome: Outcome | null;
  /** Recommended records only. */
  readonly recommendedTo: string | null;
}

export function factsOf(event: SagEvent): TreatmentFacts {
  const d = event.data;
  return {
    step: stepOf(event),
    committee: d.committee,
    evidence: d.evidence,
    committeeKey: storedCommitteeKey(d.committeeKey),
    meetingDate: d.meetingDate,
    item: d.item ?? null,
    title: event.type === EVENT_TYPES.proposed ? event.data.title : null,
    access: event.type === EVENT_TYPES.proposed ? event.data.access : null,
    outcome: event.type === EVENT_TYPES.decided ? event.data.outcome : null,
    recommendedTo: event.type === EVENT_TYPES.recommended ? event.data.recommendedTo : null,
  };
}

/**
 * The proposal a treatment was made under: the record itself for a proposal,
 * else a current proposal of the same treatment, one with the same item
 * number first (as the decider's findRecord), else the first applied.
 */
export function proposalUnder<R extends TreatmentFacts>(record: R, records: Iterable<R>): R | undefined {
  if (record.step === 'proposed') return record;
  let first: R | undefined;
  for (const r of records) {
    if (r.step !== 'proposed' || !sameTreatment(r, record)) continue;
    if (r.item === record.item) return r;
    first ??= r;
  }
  return first;
}

/** A treatment's content is as open as the proposal it was made under. */
export function accessUnder(proposal: Pick<TreatmentFacts, 'access'> | undefined): Access {
  return proposal?.access ?? 'open';
}

/** A treatment is titled by the proposal it was made under, else by the sag (fallbackTitleOf). */
export function itemTitleUnder(proposal: Pick<TreatmentFacts, 'title'> | undefined, sagTitle: string | null): string | null {
  return proposal ? proposal.title : sagTitle;
}

/**
 * The title a treatment without a proposal of its own borrows from its sag:
 * none when the sag's headline is closed. Such a treatment is as open as its
 * (missing) proposal, so the borrowed title must not be a closed item's.
 */
export function fallbackTitleOf(headline: Pick<SagHeadline, 'title' | 'access'>): string | null {
  return headline.access === 'closed' ? null : headline.title;
}

export type SagStatus = 'proposed' | 'recommended' | 'decided' | 'postponed' | 'genoptaget';

export interface SagHeadline {
  readonly title: string | null;
  readonly status: SagStatus;
  readonly access: Access;
}

type HeadlineFacts = Pick<TreatmentFacts, 'step' | 'title' | 'access' | 'outcome' | 'evidence'>;

/**
 * Title, status and access of a sag from its records in business order. The
 * title is the first proposal read in a committee's own minutes (else the
 * first proposal at all): it stays put as the sag moves on, and a second item
 * of one meeting does not rename the sag. Access is the latest proposal's
 * (a sag closed later is closed now), and closed too when the titling
 * proposal is (a readable headline must not show a closed item's title);
 * status is the latest record's.
 */
export function headlineOf(sorted: readonly HeadlineFacts[]): SagHeadline {
  let titled: HeadlineFacts | undefined;
  let latestProposal: HeadlineFacts | undefined;
  for (const r of sorted) {
    if (r.step !== 'proposed') continue;
    if (!titled || (titled.evidence !== 'direct' && r.evidence === 'direct')) titled = r;
    latestProposal = r;
  }
  const access = accessUnder(titled) === 'closed' ? 'closed' : accessUnder(latestProposal);
  return { title: titled?.title ?? null, status: statusOf(sorted[sorted.length - 1]), access };
}

/** What a search for a sag looks in, lower-cased: for readers of open items only, and for readers of closed ones too. */
export interface SearchTexts {
  readonly open: string;
  readonly all: string;
}

/**
 * A sag is found by its number and by every item title it was put on an
 * agenda under (each proposal's title; the sag's own title is one of them),
 * so a sag renamed from one meeting to the next is found by either name. A
 * closed item's title is only in `all`: a reader without closed access
 * searches `open`, so no hit (nor a hit count) tells what a closed item is called.
 * One rule for every read-model store.
 */
export function searchTextsOf(sagsnummer: string, records: Iterable<Pick<TreatmentFacts, 'step' | 'title' | 'access'>>): SearchTexts {
  const number = sagsnummer.toLowerCase();
  const open = new Set<string>();
  const all = new Set<string>();
  for (const r of records) {
    if (r.step !== 'proposed' || !r.title) continue;
    const title = r.title.toLowerCase();
    all.add(title);
    if (r.access !== 'closed') open.add(title);
  }
  return { open: [number, ...open].join('\n'), all: [number, ...all].join('\n') };
}

/** The status a sag's latest record (in business order) gives it. */
export function statusOf(last: Pick<TreatmentFacts, 'step' | 'outcome'> | undefined): SagStatus {
  if (!last) return 'proposed';
  if (last.step === 'decided' && last.outcome === 'postponed') return 'postponed';
  return last.step;
}
