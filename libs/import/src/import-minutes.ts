import { createHash } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@sagsspor/event-store';
import { decodeMinutes, isProbablyBinary, MinutesParseError, parseMinutes, type ParsedMinutes } from '@sagsspor/referat';
import { chainedEvents, previewTreatments, recordTreatments, type RecordContext, type RecordTreatmentsResult } from '@sagsspor/recording';
import { GENESIS_HASH } from '@sagsspor/audit';
import {
  committeeKey,
  contentOf,
  CORRECTION_EVENT_TYPES,
  decideWithdrawals,
  ROUTE_EVENT_TYPES,
  stepOf,
  treatmentsOf,
  type Correction,
  type RecordRoute,
  type SagCommand,
  type SagEvent,
  type SagId,
  type SagState,
} from '@sagsspor/sag';
import { isPdf, pdfToText, PdfTextError } from './pdf/pdf-text';
import { planImport, type ImportPlan, type ImportWarning } from './plan';
import { emptySummary, type DocumentFailure, type ImportChange, type ImportSummary } from './summary';
import {
  judgeVersion,
  minutesStreamName,
  MINUTES_VERSION_TYPE,
  versionEventId,
  versionsOf,
  type MeetingKey,
  type MinutesVersion,
  type VersionVerdict,
} from './versions';

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
    /**
     * `replaces`: the sha256 of the version of the same minutes this one replaces (else: the current version).
     * `closedAccess`: whether the caller may read closed items (absent: yes); one without gets the closed-step
     * refusal for every treatment already recorded as a closed item, as on every other write.
     */
    readonly options: { kommune?: string; dryRun?: boolean; replaces?: string; closedAccess?: boolean } = {},
  ) {}
}

export interface ImportResult {
  readonly summary: ImportSummary;
  readonly parsed: ParsedMinutes | null;
  /** What the document is among the imported versions of its meeting's minutes. */
  readonly version?: { readonly verdict: string; readonly sha256: string; readonly replaces: string | null };
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
    const sha256 = createHash('sha256').update(document.bytes).digest('hex');
    const meeting: MeetingKey = { kommune, committeeKey: committeeKey(minutes.committee.name), meetingDate: minutes.meeting.date };
    const versionStream = await this.store.readStream(minutesStreamName(meeting));
    const verdict = judgeVersion(versionsOf(versionStream), sha256, options.replaces ?? null);
    const replaces = verdict.kind === 'newer' ? verdict.previous.sha256 : verdict.kind === 'first' ? verdict.replaces : null;
    const result = (): ImportResult => ({ summary, parsed: minutes, version: { verdict: verdict.kind, sha256, replaces } });
    if (verdict.kind === 'seen' && options.closedAccess !== false) {
      // This very version was imported: it says nothing the record does not.
      summary.versionsSkipped = 1;
      summary.duplicatesSkipped = plan.treatments;
      return result();
    }
    // A caller without closed access is answered for a version already imported as for any other text, by the
    // decider, appending nothing: "seen" would tell an exact copy of minutes with closed items from a guess.
    const dryRun = options.dryRun === true || verdict.kind === 'seen';
    const recordContext: RecordContext = { ...context, source: { kind: 'import', document: document.name, sha256 } };
    const access = options.closedAccess === undefined ? {} : { closedAccess: options.closedAccess };
    for (const { sag, commands, then } of this.work(plan, kommune, meeting, verdict, document.name, sha256, options.closedAccess)) {
      const opts = { skipRejected: true, ...(then ? { then } : {}) };
      const asCaller = commands.map((c) => (c.type === 'RecordRoute' ? c : { ...c, ...access }));
      const outcome = dryRun
        ? await previewTreatments(this.store, sag, asCaller, opts)
        : await recordTreatments(this.store, sag, asCaller, recordContext, opts);
      count(summary, outcome, document.name, sag.sagsnummer);
    }
    if (verdict.kind === 'older') summary.versionsSkipped = 1;
    // A version that changes nothing (the same minutes in another Unicode form, say) is no version worth a record.
    const changed = verdict.kind === 'first' || summary.eventsAppended > 0;
    if (!dryRun && changed) {
      await this.registerVersion(versionStream, meeting, document, sha256, replaces, plan, context, minutes.committee.name);
      // The version's own record is an event like any other: `verify` counts it.
      summary.eventsAppended += 1;
    }
    return result();
  }

  /**
   * What to record for each sag, by the document's place among its meeting's versions:
   * - first: what it says;
   * - newer: what it says, correcting what the version it replaces said otherwise, and
   *   withdrawing (then) the treatments of the meeting it no longer has, in that version's sager too;
   * - older (a known version replaces it): only its items the newer version does not have, each
   *   recorded and withdrawn at once, so the record ends as if the versions had come in order.
   */
  private work(
    plan: ImportPlan,
    kommune: string,
    meeting: MeetingKey,
    verdict: VersionVerdict,
    name: string,
    sha256: string,
    closedAccess: boolean | undefined,
  ): { sag: SagId; commands: (SagCommand | RecordRoute)[]; then?: (state: SagState) => SagEvent[] }[] {
    // A version seen before (decided again only for a caller without closed access) says what it said then.
    if (verdict.kind === 'first' || verdict.kind === 'seen') return plan.sager;
    if (verdict.kind === 'older') {
      const newer = verdict.newer;
      const correction: Correction = {
        reason: `Replaced by a newer version of the minutes: ${newer.document}`,
        source: { kind: 'document', name: newer.document, sha256: newer.sha256 },
      };
      return plan.sager
        .filter((s) => !newer.sager.includes(s.sag.sagsnummer))
        .map((s) => ({ ...s, then: (state: SagState) => decideWithdrawals(state, meeting, [], correction, closedAccess) }));
    }
    const correction: Correction = {
      reason: `Newer version of the minutes: ${name} replaces ${verdict.previous.document}`,
      source: { kind: 'document', name, sha256 },
    };
    const stated = new Set(plan.sager.map((s) => s.sag.sagsnummer));
    const gone = verdict.previous.sager.filter((n) => !stated.has(n)).map((sagsnummer) => ({ sag: { kommune, sagsnummer }, commands: [] }));
    return [...plan.sager, ...gone].map(({ sag, commands }) => {
      // A route is no treatment: a newer version's route is a version of the route like any other.
      const revised = commands.map((c) => (c.type === 'RecordRoute' ? c : ({ ...c, correction } as SagCommand)));
      const treatments = revised.filter((c): c is SagCommand => c.type !== 'RecordRoute');
      return {
        sag,
        commands: revised,
        then: (state: SagState) => decideWithdrawals(state, meeting, treatments.flatMap(treatmentsOf), correction, closedAccess),
      };
    });
  }

  /** Appended last: a version is "seen" only once everything it says is recorded (a re-run after a crash completes it). */
  private async registerVersion(
    stream: readonly RecordedEvent[],
    meeting: MeetingKey,
    document: MinutesDocument,
    sha256: string,
    replaces: string | null,
    plan: ImportPlan,
    context: ImportContext,
    committee: string,
  ): Promise<void> {
    const last = stream[stream.length - 1];
    const version: MinutesVersion = {
      kommune: meeting.kommune,
      committee,
      committeeKey: meeting.committeeKey,
      meetingDate: meeting.meetingDate,
      document: document.name,
      sha256,
      replaces,
      sager: plan.sager.map((s) => s.sag.sagsnummer),
    };
    const loaded = {
      streamName: minutesStreamName(meeting),
      revision: last ? last.revision : -1,
      lastHash: (last?.metadata.hash as string | undefined) ?? GENESIS_HASH,
    };
    const ctx: RecordContext = { ...context, source: { kind: 'import', document: document.name, sha256 } };
    const events = chainedEvents(
      loaded,
      [{ type: MINUTES_VERSION_TYPE, data: { ...version }, eventId: versionEventId(meeting, sha256) }],
      ctx,
    );
    await this.store.append(loaded.streamName, events, last ? last.revision : 'no_stream');
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
  for (const event of result.events) {
    if (event.type === ROUTE_EVENT_TYPES.routed) continue;
    const change = changeOf(event, result.before, document, sagsnummer);
    if (!change) continue;
    summary.changes.push(change);
    if (change.kind === 'corrected') summary.corrections += 1;
    else summary.withdrawals += 1;
  }
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

function changeOf(event: SagEvent, before: SagState, document: string, sagsnummer: string): ImportChange | null {
  const d = event.data;
  if (!d.correction || !d.supersedes) return null;
  const earlier = before.records.find((r) => r.id === d.supersedes);
  const withdrawn = event.type === CORRECTION_EVENT_TYPES.withdrawn;
  return {
    document,
    sagsnummer,
    kind: withdrawn ? 'withdrawn' : 'corrected',
    step: stepOf(event),
    committee: d.committee,
    meetingDate: d.meetingDate,
    item: d.item,
    before: earlier ? contentOf(earlier.event) : null,
    after: withdrawn ? null : contentOf(event),
  };
}
