import { createHash } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@sagsspor/event-store';
import { decodeMinutes, isProbablyBinary, MinutesParseError, parseMinutes, type ParsedMinutes } from '@sagsspor/referat';
import { recordTreatments, type RecordContext, type RecordTreatmentsResult } from '@sagsspor/recording';
import { planImport, type ImportWarning } from './plan';
import { emptySummary, type DocumentFailure, type ImportSummary } from './summary';

export interface MinutesDocument {
  readonly name: string;
  readonly bytes: Buffer;
}

/** Context for the records an import makes; the source is filled in per document. */
export type ImportContext = Omit<RecordContext, 'source' | 'expectedRevision'>;

export class ImportMinutes {
  constructor(
    readonly document: MinutesDocument,
    readonly context: ImportContext,
    readonly options: { kommune?: string; dryRun?: boolean } = {},
  ) {}
}

export interface ImportResult {
  readonly summary: ImportSummary;
  readonly parsed: ParsedMinutes | null;
}

/**
 * One document in: decode, parse, plan, and record each sag's treatments
 * with recordTreatments, the same load–decide–append path the API uses. Deterministic
 * event ids and the decider's idempotence make a repeat, or a re-run after a
 * crash, append only what is missing.
 */
@CommandHandler(ImportMinutes)
export class ImportMinutesHandler implements ICommandHandler<ImportMinutes, ImportResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ document, context, options }: ImportMinutes): Promise<ImportResult> {
    const summary = emptySummary();
    const parsed = parseDocument(document, options.kommune);
    if ('failure' in parsed) return { summary: { ...summary, failed: [parsed.failure] }, parsed: null };
    const { minutes, kommune } = parsed;
    const plan = planImport(minutes, kommune, document.name);
    summary.documents = 1;
    summary.meetings = 1;
    summary.items = plan.items;
    summary.treatments = plan.treatments;
    summary.warnings.push(...plan.warnings);
    if (options.dryRun) return { summary, parsed: minutes };
    const sha256 = createHash('sha256').update(document.bytes).digest('hex');
    const recordContext: RecordContext = { ...context, source: { kind: 'import', document: document.name, sha256 } };
    for (const sagPlan of plan.sager) {
      const result = await recordTreatments(this.store, sagPlan.sag, sagPlan.commands, recordContext, { skipRejected: true });
      count(summary, result, document.name, sagPlan.sag.sagsnummer);
    }
    return { summary, parsed: minutes };
  }
}

type Parsed = { minutes: ParsedMinutes; kommune: string } | { failure: DocumentFailure };

function parseDocument(document: MinutesDocument, kommuneOption: string | undefined): Parsed {
  const fail = (line: number, message: string, code: string): Parsed => ({ failure: { document: document.name, line, code, message } });
  if (document.bytes.length === 0) return fail(1, 'The file is empty.', 'referat.not-minutes');
  if (isProbablyBinary(document.bytes)) return fail(1, 'The file is binary, not minutes text.', 'referat.not-minutes');
  try {
    const minutes = parseMinutes(decodeMinutes(document.bytes), {
      documentName: document.name,
      ...(kommuneOption ? { kommune: kommuneOption } : {}),
    });
    const kommune = kommuneOption ?? minutes.kommune;
    if (!kommune) return fail(1, 'The minutes do not name their kommune; pass --kommune (or ?kommune=).', 'import.kommune-unknown');
    return { minutes, kommune };
  } catch (error: unknown) {
    if (error instanceof MinutesParseError) return fail(error.line, error.message, error.code);
    throw error;
  }
}

function count(summary: ImportSummary, result: RecordTreatmentsResult, document: string, sagsnummer: string): void {
  summary.eventsAppended += result.appended;
  for (const outcome of result.outcomes) {
    if (outcome.rejected) {
      const warning: ImportWarning = {
        document,
        sagsnummer,
        message: `Not recorded: ${outcome.rejected.detail} [${outcome.rejected.code}]`,
      };
      summary.warnings.push(warning);
    } else if (outcome.appended === 0) {
      summary.duplicatesSkipped += 1;
    }
  }
}
