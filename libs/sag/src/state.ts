import { eventIdOf } from './event-id';
import { CORRECTION_EVENT_TYPES, stepOf, type SagEvent, type Step } from './events';
import type { SagId } from './identity';
import { sameTreatment, type TreatmentLocator } from './treatment';

/** The current record of one treatment step (superseded records are gone). */
export interface TreatmentRecord {
  readonly id: string;
  readonly step: Step;
  readonly event: SagEvent;
}

export interface SagState {
  readonly sag: SagId | null;
  readonly records: readonly TreatmentRecord[];
  /** Every withdrawal (SagTreatmentWithdrawn), in the order applied; absent in states made before them. */
  readonly withdrawn?: readonly TreatmentRecord[];
}

export const initialState: SagState = { sag: null, records: [], withdrawn: [] };

export function evolve(state: SagState, event: SagEvent): SagState {
  const record = recordOf(event);
  const sag = state.sag ?? { kommune: event.data.kommune, sagsnummer: event.data.sagsnummer };
  const withdrawn = state.withdrawn ?? [];
  if (event.type === CORRECTION_EVENT_TYPES.withdrawn) {
    const gone = new Set(event.data.withdraws);
    return { sag, records: state.records.filter((r) => !gone.has(r.id)), withdrawn: [...withdrawn, record] };
  }
  // A record superseding a withdrawal (recorded again after it) replaces no current record.
  const superseded = event.data.supersedes;
  const kept = superseded ? state.records.filter((r) => r.id !== superseded) : state.records;
  return { sag, records: [...kept, record], withdrawn };
}

/** The id is a SHA-1 of the event: made only when asked for (a later `supersedes`, a decision that supersedes it). */
function recordOf(event: SagEvent): TreatmentRecord {
  let id: string | undefined;
  return {
    get id() {
      return (id ??= eventIdOf(event));
    },
    step: stepOf(event),
    event,
  };
}

export function fold(events: Iterable<SagEvent>, state: SagState = initialState): SagState {
  let s = state;
  for (const e of events) s = evolve(s, e);
  return s;
}

/** The record of this step of this treatment; an exact item match wins over an unknown one. */
export function findRecord(state: SagState, step: Step, at: TreatmentLocator): TreatmentRecord | undefined {
  return findIn(state.records, step, at);
}

/**
 * The latest withdrawal of this treatment (any step), if any: a record made
 * of it again supersedes that, so it never gets the id of a withdrawn one.
 */
export function findWithdrawal(state: SagState, at: TreatmentLocator): TreatmentRecord | undefined {
  const candidates = (state.withdrawn ?? []).filter((r) => sameTreatment(r.event.data, at)).reverse();
  return candidates.find((r) => r.event.data.item === at.item) ?? candidates[0];
}

function findIn(records: readonly TreatmentRecord[], step: Step, at: TreatmentLocator): TreatmentRecord | undefined {
  const candidates = records.filter((r) => r.step === step && sameTreatment(r.event.data, at));
  return candidates.find((r) => r.event.data.item === at.item) ?? candidates[0];
}
