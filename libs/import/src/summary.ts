import type { ImportWarning } from './plan';

export interface DocumentFailure {
  readonly document: string;
  readonly line: number;
  readonly code: string;
  readonly message: string;
}

export interface ImportSummary {
  documents: number;
  meetings: number;
  items: number;
  treatments: number;
  eventsAppended: number;
  duplicatesSkipped: number;
  warnings: ImportWarning[];
  failed: DocumentFailure[];
}

export function emptySummary(): ImportSummary {
  return { documents: 0, meetings: 0, items: 0, treatments: 0, eventsAppended: 0, duplicatesSkipped: 0, warnings: [], failed: [] };
}

export function addSummary(total: ImportSummary, one: ImportSummary): ImportSummary {
  return {
    documents: total.documents + one.documents,
    meetings: total.meetings + one.meetings,
    items: total.items + one.items,
    treatments: total.treatments + one.treatments,
    eventsAppended: total.eventsAppended + one.eventsAppended,
    duplicatesSkipped: total.duplicatesSkipped + one.duplicatesSkipped,
    warnings: [...total.warnings, ...one.warnings],
    failed: [...total.failed, ...one.failed],
  };
}
