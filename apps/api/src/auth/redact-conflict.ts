import type { QueryBus } from '@nestjs/cqrs';
import { CLOSED_NOTICE } from '@sagsspor/access';
import { AppError } from '@sagsspor/kernel';
import { GetSagHistory } from '@sagsspor/recording';
import { committeeKey, sameTreatment, TreatmentConflictError, type SagCommand, type SagHistory } from '@sagsspor/sag';

const CONTENT = ['title', 'proposedBy', 'proposal', 'text', 'reason'];

/**
 * A 409 shows the recorded version beside the attempted one. When the
 * recorded treatment is a closed item and the caller (a clerk) has no closed
 * access, its content is replaced by the notice: a conflicting write must not
 * become a way to read. Always rethrows.
 */
export async function redactConflict(error: unknown, command: SagCommand, closedAccess: boolean, queries: QueryBus): Promise<never> {
  if (closedAccess || !(error instanceof TreatmentConflictError)) throw error;
  const history = await queries.execute<GetSagHistory, SagHistory>(new GetSagHistory(command.data.sag)).catch(() => null);
  const t = command.data.treatment;
  const at = { committeeKey: committeeKey(t.committee), meetingDate: t.meetingDate, item: t.item ?? null };
  // Without a history to tell, assume closed: the notice costs a clerk little, a leak costs much.
  const closed =
    history === null ||
    history.timeline.some(
      (e) => e.access === 'closed' && sameTreatment({ committeeKey: e.committeeKey, meetingDate: e.date, item: e.item }, at),
    );
  if (!closed) throw error;
  const existing = { ...(error.extensions['existing'] as Record<string, unknown>) };
  for (const field of CONTENT) if (typeof existing[field] === 'string') existing[field] = CLOSED_NOTICE;
  throw new AppError(error.code, error.kind, error.title, error.detail, { ...error.extensions, existing });
}
