import { createHash } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@sagsspor/event-store';
import { decodeMinutes, isProbablyBinary, MinutesParseError, parseMinutes, type ParsedMinutes } from '@sagsspor/referat';
import { recordTreatments, type RecordContext, type RecordTreatmentsResult } from '@sagsspor/recording';
import { isPdf, pdfToText, PdfTextError } from './pdf/pdf-text';
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
    const parsed = await parseDocument(document, options.kommune);
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

/** Text as it is, or a PDF's text layer; the failure of a file that has no text to give. */
async function textOf(document: MinutesDocument): Promise<{ text: string } | { failure: DocumentFailure }> {
  const fail = (message: string, code: string) => ({ failure: { document: document.name, line: 1, code, message } });
  if (document.bytes.length === 0) return fail('The file is empty.', 'referat.not-minutes');
  if (isPdf(document.bytes)) {
    try {
      return { text: (await pdfToText(document.bytes)).text };
    } catch (error: unknown) {
      if (error instanceof PdfTextError) return fail(error.message, error.code);
      throw error;
    }
  }
  if (isProbablyBinary(document.bytes)) return fail('The file is binary, neither minutes text nor PDF.', 'referat.not-minutes');
  return { text: decodeMinutes(document.bytes) };
}

async function parseDocument(document: MinutesDocument, kommuneOption: string | undefined): Promise<Parsed> {
  const fail = (line: number, message: string, code: string): Parsed => ({ failure: { document: document.name, line, code, message } });
  const text = await textOf(document);
  if ('failure' in text) return text;
  try {
    const minutes = parseMinutes(text.text, {
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
    } else if (outcome.appended === 0 && outcome.command.type !== 'RecordRoute') {
      // A route already known is no duplicate treatment: the count is of treatments.
      summary.duplicatesSkipped += 1;
    }
  }
}
