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
  /** Withdrawals (SagTreatmentWithdrawn) of treatments not recorded again since; absent in states made before them. */
  readonly withdrawn?: readonly TreatmentRecord[];
}

export const initialState: SagState = { sag: null, records: [], withdrawn: [] };

export function evolve(state: SagState, event: SagEvent): SagState {
  const record = recordOf(event);
  const superseded = event.data.supersedes;
  const kept = superseded ? state.records.filter((r) => r.id !== superseded) : state.records;
  const withdrawn = state.withdrawn ?? [];
  const sag = state.sag ?? { kommune: event.data.kommune, sagsnummer: event.data.sagsnummer };
  if (event.type === CORRECTION_EVENT_TYPES.withdrawn) return { sag, records: kept, withdrawn: [...withdrawn, record] };
  // A treatment recorded again after its withdrawal supersedes the withdrawal.
  return { sag, records: [...kept, record], withdrawn: superseded ? withdrawn.filter((w) => w.id !== superseded) : withdrawn };
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

/** The withdrawal of this step of this treatment, if it is withdrawn and not recorded again. */
export function findWithdrawal(state: SagState, step: Step, at: TreatmentLocator): TreatmentRecord | undefined {
  return findIn(state.withdrawn ?? [], step, at);
}

function findIn(records: readonly TreatmentRecord[], step: Step, at: TreatmentLocator): TreatmentRecord | undefined {
  const candidates = records.filter((r) => r.step === step && sameTreatment(r.event.data, at));
  return candidates.find((r) => r.event.data.item === at.item) ?? candidates[0];
}
