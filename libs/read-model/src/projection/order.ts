import { compareBusinessOrder, type SagStatus, type Step } from '@sagsspor/sag';

/** libs/sag's business order (meeting date, item, lifecycle step — never arrival), on lite records. */
export const compareRecords = compareBusinessOrder;

/** buildHistory's status of a sorted timeline. */
export function statusOf(last: { readonly step: Step; readonly outcome: string | null } | undefined): SagStatus {
  if (!last) return 'proposed';
  if (last.step === 'decided' && last.outcome === 'postponed') return 'postponed';
  return last.step;
}
