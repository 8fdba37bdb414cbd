import { STEPS, type SagStatus, type Step } from '@sagsspor/sag';

/** The fields business order looks at, as in a TimelineEntry or a lite record. */
interface Ordered {
  readonly meetingDate: string;
  readonly item: number | null;
  readonly step: Step;
  readonly committeeKey: string;
}

const STEP_RANK: Record<Step, number> = { proposed: 0, genoptaget: 1, recommended: 2, decided: 2 };

/**
 * libs/sag's compareEntries on lite records (meeting date, item, lifecycle
 * step — never arrival). Kept identical on purpose; the equivalence test
 * against buildHistory fails if the two drift apart.
 */
export function compareRecords(a: Ordered, b: Ordered): number {
  return (
    cmp(a.meetingDate, b.meetingDate) ||
    cmp(a.item ?? Number.MAX_SAFE_INTEGER, b.item ?? Number.MAX_SAFE_INTEGER) ||
    STEP_RANK[a.step] - STEP_RANK[b.step] ||
    cmp(a.committeeKey, b.committeeKey) ||
    STEPS.indexOf(a.step) - STEPS.indexOf(b.step)
  );
}

function cmp<T extends string | number>(a: T, b: T): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** buildHistory's status of a sorted timeline. */
export function statusOf(last: { readonly step: Step; readonly outcome: string | null } | undefined): SagStatus {
  if (!last) return 'proposed';
  if (last.step === 'decided' && last.outcome === 'postponed') return 'postponed';
  return last.step;
}
