import type { RecordedEvent } from '@sagsspor/event-store';
import { CORRECTION_EVENT_TYPES, EVENT_TYPES, stepOf, type OutcomeData, type SagEvent, type SagRouteEvent } from '@sagsspor/sag';
import {
  INTEGRATION_EVENT_TYPES,
  type OutcomeEventData,
  type SagEventData,
  type SagEventDataBase,
  type SagIntegrationEvent,
  type SagRoutedEventData,
} from './contract';
import { cachedKommuneKey } from './kommune-key';
import type { ProposalInfo } from './proposal-directory';

/** `/sager/<kommune>/<sagsnummer>`: sag numbers may hold "/" and must stay one path segment. */
export function sagLink(kommune: string, sagsnummer: string): string {
  return `/sager/${encodeURIComponent(kommune)}/${encodeURIComponent(sagsnummer)}`;
}

/** `/sagsspor/<kommune key>`: the producer, one per kommune. */
export function sourceOf(kommune: string): string {
  return `/sagsspor/${encodeURIComponent(cachedKommuneKey(kommune))}`;
}

/**
 * The public event for a stored domain event: full content, not yet
 * redacted (see redactFor). `id` is the domain event id, so every delivery
 * and every channel (webhook, SSE) names the same fact the same way.
 */
export function toIntegrationEvent(
  recorded: RecordedEvent,
  event: SagEvent,
  proposal: ProposalInfo | null,
  /** For a decision: whether it settles the sag (libs/sag's decidesForGood). */
  final = false,
): SagIntegrationEvent {
  const d = event.data;
  const base: SagEventDataBase = {
    kommune: d.kommune,
    sagsnummer: d.sagsnummer,
    title: proposal?.title ?? null,
    committee: d.committee,
    committeeKey: d.committeeKey,
    meetingDate: d.meetingDate,
    item: d.item,
    text: d.text,
    evidence: d.evidence,
    supersedes: d.supersedes,
    access: proposal?.access ?? 'open',
    redacted: false,
    link: sagLink(d.kommune, d.sagsnummer),
  };
  const [type, data] = typedData(event, base, final);
  return envelope(recorded, type, d.meetingDate, data);
}

/** A route version as the public event: the sag's title and access (as recorded then) stand for what it may quote. */
export function toRoutedIntegrationEvent(
  recorded: RecordedEvent,
  event: SagRouteEvent,
  sag: { readonly title: string | null; readonly access: SagRoutedEventData['access'] },
): SagIntegrationEvent<SagRoutedEventData> {
  const d = event.data;
  const stop = (s: { committee: string; committeeKey: string }) => ({ committee: s.committee, committeeKey: s.committeeKey });
  return envelope(recorded, INTEGRATION_EVENT_TYPES.routed, d.effectiveDate, {
    kommune: d.kommune,
    sagsnummer: d.sagsnummer,
    title: sag.title,
    via: d.via.map(stop),
    decidingBodies: d.decidingBodies.map(stop),
    sources: d.sources.map((s) => ({ kind: s.kind, text: s.text, document: s.document, line: s.line })),
    effectiveDate: d.effectiveDate,
    access: sag.access,
    redacted: false,
    link: sagLink(d.kommune, d.sagsnummer),
  });
}

function envelope<D extends SagEventData>(
  recorded: RecordedEvent,
  type: SagIntegrationEvent['type'],
  businessDate: string,
  data: D,
): SagIntegrationEvent<D> {
  const d: SagEventData = data;
  return {
    specversion: '1.0',
    id: recorded.metadata.eventId,
    source: sourceOf(d.kommune),
    type,
    subject: `${encodeURIComponent(d.kommune)}/${encodeURIComponent(d.sagsnummer)}`,
    time: recorded.metadata.recordedAt,
    datacontenttype: 'application/json',
    sagssporposition: recorded.position.toString(),
    sagssporbusinessdate: businessDate,
    data,
  };
}

/** A correction is told as its own type (the step's fields beside why and on whose word); a withdrawal names only where. */
function typedData(event: SagEvent, base: SagEventDataBase, final: boolean): [SagIntegrationEvent['type'], SagEventData] {
  const c = event.data.correction;
  if (!c) return stepData(event, base, final);
  const told = { step: stepOf(event), correction: { reason: c.reason, source: c.source } };
  if (event.type === CORRECTION_EVENT_TYPES.withdrawn) {
    return [INTEGRATION_EVENT_TYPES.withdrawn, { ...base, ...told, withdraws: [...event.data.withdraws] }];
  }
  return [INTEGRATION_EVENT_TYPES.corrected, { ...stepData(event, base, final)[1], ...told }];
}

function stepData(event: SagEvent, base: SagEventDataBase, final: boolean): [SagIntegrationEvent['type'], SagEventData] {
  switch (event.type) {
    case EVENT_TYPES.proposed:
      return [INTEGRATION_EVENT_TYPES.proposed, { ...base, proposedBy: event.data.proposedBy, proposal: event.data.proposal }];
    case EVENT_TYPES.recommended:
      return [INTEGRATION_EVENT_TYPES.recommended, { ...base, recommendedTo: event.data.recommendedTo, ...outcomeExtras(event.data) }];
    case EVENT_TYPES.decided:
      return [INTEGRATION_EVENT_TYPES.decided, { ...base, outcome: event.data.outcome, final, ...outcomeExtras(event.data) }];
    case EVENT_TYPES.genoptaget: {
      const r = event.data.resumes;
      return [
        INTEGRATION_EVENT_TYPES.genoptaget,
        { ...base, reason: event.data.reason, resumes: { committeeKey: r.committeeKey, meetingDate: r.meetingDate, item: r.item } },
      ];
    }
    case CORRECTION_EVENT_TYPES.withdrawn:
      throw new Error('A withdrawal without its reason and source');
  }
}

/** Votes and absences only when there are any: an event without them reads exactly as v1 always did. */
function outcomeExtras(d: OutcomeData): OutcomeEventData {
  return { ...(d.votes ? { votes: d.votes } : {}), ...(d.absent.length > 0 ? { absent: d.absent } : {}) };
}
