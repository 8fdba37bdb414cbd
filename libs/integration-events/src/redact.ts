import { CLOSED_NOTICE, type SagEventData, type SagIntegrationEvent } from './contract';

/**
 * The event as a receiver may see it: a closed item's content (title, text,
 * proposer, proposal, reason) becomes a fixed notice unless the receiver is granted
 * closed access. Where it went and how it ended (committee, outcome,
 * recommendedTo) stay: they are what following a sag means.
 */
export function redactFor(event: SagIntegrationEvent, closedAccess: boolean): SagIntegrationEvent {
  if (closedAccess || event.data.access !== 'closed') return event;
  if (!('text' in event.data)) {
    // A route version quotes the proposal it was read from ("indstiller til ... via ...").
    const sources = event.data.sources.map((s) => ({ ...s, text: CLOSED_NOTICE }));
    return { ...event, data: { ...event.data, title: event.data.title === null ? null : CLOSED_NOTICE, sources, redacted: true } };
  }
  // How members voted on a confidential item, and who was away from it, go with its content.
  const { votes: _votes, absent: _absent, ...shown } = event.data as SagEventData & { votes?: unknown; absent?: unknown };
  const data: SagEventData = {
    ...shown,
    title: event.data.title === null ? null : CLOSED_NOTICE,
    text: CLOSED_NOTICE,
    redacted: true,
    ...('proposal' in event.data ? { proposal: CLOSED_NOTICE } : {}),
    ...('proposedBy' in event.data && event.data.proposedBy !== null ? { proposedBy: CLOSED_NOTICE } : {}),
    ...('reason' in event.data ? { reason: CLOSED_NOTICE } : {}),
    // Why a closed record was corrected may quote it.
    ...('correction' in event.data ? { correction: { ...event.data.correction, reason: CLOSED_NOTICE } } : {}),
  };
  return { ...event, data };
}
