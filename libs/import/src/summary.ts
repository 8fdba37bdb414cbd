import type { ImportWarning } from './plan';

export interface DocumentFailure {
  readonly document: string;
  readonly line: number;
  readonly code: string;
  readonly message: string;
}

/** A correction or withdrawal an import made (or, with --dry-run, would make). */
export interface ImportChange {
  readonly document: string;
  readonly sagsnummer: string;
  readonly kind: 'corrected' | 'withdrawn';
  readonly step: string;
  readonly committee: string;
  readonly meetingDate: string;
  readonly item: number | null;
  /** The record's content before, and after (null: withdrawn). */
  readonly before: Record<string, string | number | null> | null;
  readonly after: Record<string, string | number | null> | null;
}

export interface ImportSummary {
  documents: number;
  meetings: number;
  items: number;
  treatments: number;
  eventsAppended: number;
  duplicatesSkipped: number;
  /** Records of an earlier version of the same minutes that this version corrected, or withdrew. */
  corrections: number;
  withdrawals: number;
  changes: ImportChange[];
  /** Documents that were a version of their minutes already imported, or one a newer version replaces: nothing recorded. */
  versionsSkipped: number;
  warnings: ImportWarning[];
  failed: DocumentFailure[];
}

export function emptySummary(): ImportSummary {
  return {
    documents: 0,
    meetings: 0,
    items: 0,
    treatments: 0,
    eventsAppended: 0,
    duplicatesSkipped: 0,
    corrections: 0,
    withdrawals: 0,
    changes: [],
    versionsSkipped: 0,
    warnings: [],
    failed: [],
  };
}

export function addSummary(total: ImportSummary, one: ImportSummary): ImportSummary {
  return {
    documents: total.documents + one.documents,
    meetings: total.meetings + one.meetings,
    items: total.items + one.items,
    treatments: total.treatments + one.treatments,
    eventsAppended: total.eventsAppended + one.eventsAppended,
    duplicatesSkipped: total.duplicatesSkipped + one.duplicatesSkipped,
    corrections: total.corrections + one.corrections,
    withdrawals: total.withdrawals + one.withdrawals,
    changes: [...total.changes, ...one.changes],
    versionsSkipped: total.versionsSkipped + one.versionsSkipped,
    warnings: [...total.warnings, ...one.warnings],
    failed: [...total.failed, ...one.failed],
  };
}
