import { CLOSED_NOTICE } from '@sagsspor/access';
import { AppError } from '@sagsspor/kernel';
import { TreatmentConflictError } from '@sagsspor/sag';

const CONTENT = ['title', 'proposedBy', 'proposal', 'text', 'reason'];

/**
 * A 409 shows the recorded version beside the attempted one. When the
 * recorded treatment is a closed item and the caller (a clerk) has no closed
 * access, its content is replaced by the notice: a conflicting write must not
 * become a way to read. Always rethrows.
 */
export function redactConflict(error: unknown, closedAccess: boolean): never {
  if (closedAccess || !(error instanceof TreatmentConflictError) || error.existingAccess !== 'closed') throw error;
  const existing = { ...(error.extensions['existing'] as Record<string, unknown>) };
  for (const field of CONTENT) if (typeof existing[field] === 'string') existing[field] = CLOSED_NOTICE;
  throw new AppError(error.code, error.kind, error.title, error.detail, { ...error.extensions, existing });
}
