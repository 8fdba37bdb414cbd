import type { RecordedEvent } from '@sagsspor/event-store';
import type { SagIntegrationEvent } from './contract';
import { ProposalDirectory, type StreamReader } from './proposal-directory';
import { sagEventOf, type SagEvent } from '@sagsspor/sag';
import { toIntegrationEvent } from './to-integration-event';

/**
 * Stored event → public event, for every channel. One per process: the
 * proposal directory it holds is shared by all SSE clients and webhooks.
 */
export class IntegrationEventMapper {
  private readonly directory: ProposalDirectory;
  private readonly reader: StreamReader;
  /** The newest position known to be in the log: an event before it is delivered after what came later (a replay). */
  private head = -1n;

  constructor(
    reader: StreamReader,
    directoryCapacity?: number,
    /** The newest audit checkpoint at delivery, as the `sagssporcheckpoint` extension; null before the first. */
    private readonly latestCheckpoint: () => string | null = () => null,
  ) {
    this.reader = reader;
    this.directory = new ProposalDirectory(reader, directoryCapacity);
  }

  /** Null for stored events that are not sag events: consumers skip them. */
  async map(recorded: RecordedEvent): Promise<SagIntegrationEvent | null> {
    const event = sagEventOf(recorded);
    if (!event) return null;
    const proposal = await this.directory.proposalOf(recorded, event);
    const mapped = toIntegrationEvent(recorded, event, proposal);
    const integrationEvent = (await this.closedSince(recorded, event, mapped)) ? closedNow(mapped) : mapped;
    const checkpoint = this.latestCheckpoint();
    return checkpoint === null ? integrationEvent : { ...integrationEvent, sagssporcheckpoint: checkpoint };
  }

  /**
   * An open event delivered after its treatment's access was corrected to
   * closed (a replay: SSE from an old position, a webhook catching up) is
   * closed now: from the correction on, no channel shows its content to
   * anyone without closed access. Live delivery (the newest event) needs no look.
   */
  private async closedSince(recorded: RecordedEvent, event: SagEvent, mapped: SagIntegrationEvent): Promise<boolean> {
    if (mapped.data.access === 'closed' || !this.reader.headPosition) return false;
    if (recorded.position >= this.head) this.head = await this.reader.headPosition();
    if (recorded.position >= this.head) return false;
    return (await this.directory.currentProposalOf(recorded, event, this.head))?.access === 'closed';
  }
}

function closedNow(event: SagIntegrationEvent): SagIntegrationEvent {
  return { ...event, data: { ...event.data, access: 'closed' } } as SagIntegrationEvent;
}
