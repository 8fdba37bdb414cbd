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

/** A treatment is titled by the proposal it was made under, else by the sag. */
export function itemTitleUnder(proposal: Pick<TreatmentFacts, 'title'> | undefined, sagTitle: string | null): string | null {
  return proposal ? proposal.title : sagTitle;
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

/**
 * What a search for a sag looks in, lower-cased: its title and its number.
 * (Only the sag's title: the access rules filter hits by what a reader may
 * see of the sag, and that is its title and number.) One text for every read-model store.
 */
export function searchTextOf(sagsnummer: string, title: string | null): string {
  return `${(title ?? '').toLocaleLowerCase('da')}\n${sagsnummer.toLocaleLowerCase('da')}`;
}

/** The status a sag's latest record (in business order) gives it. */
export function statusOf(last: Pick<TreatmentFacts, 'step' | 'outcome'> | undefined): SagStatus {
  if (!last) return 'proposed';
  if (last.step === 'decided' && last.outcome === 'postponed') return 'postponed';
  return last.step;
}
