import { ClosedTreatmentError } from './errors';
import type { Access } from './events';
import type { SagState, TreatmentRecord } from './state';
import { describeTreatment } from './treatment';
import { accessUnder, factsOf, proposalUnder } from './treatment-view';

/** How open a recorded treatment is: as its proposal. */
export function accessOfRecord(state: SagState, record: TreatmentRecord): Access {
  const facts = state.records.map((r) => factsOf(r.event));
  return accessUnder(proposalUnder(factsOf(record.event), facts));
}

/**
 * The one rule for any write that meets a step already recorded (an ordinary
 * write, a repeat, an import, a correction): a caller without closed access
 * (`closedAccess: false`) gets one refusal for a closed step, whatever it
 * sends, so no answer tells an exact repeat of closed content from a guess.
 * Absent: the caller may (the CLI, tests of the domain).
 */
export function refuseClosedWithoutAccess(closedAccess: boolean | undefined, state: SagState, record: TreatmentRecord): void {
  if (closedAccess !== false || accessOfRecord(state, record) !== 'closed') return;
  const d = record.event.data;
  throw new ClosedTreatmentError(describeTreatment(d.committee, d.meetingDate, d.item, record.step));
}
