import type { RecordedEvent } from '@sagsspor/event-store';
import type { SagIntegrationEvent } from './contract';
import { ProposalDirectory, type StreamReader } from './proposal-directory';
import { sagEventOf } from './sag-event';
import { toIntegrationEvent } from './to-integration-event';

/**
 * Stored event → public event, for every channel. One per process: the
 * proposal directory it holds is shared by all SSE clients and webhooks.
 */
export class IntegrationEventMapper {
  private readonly directory: ProposalDirectory;

  constructor(
    reader: StreamReader,
    directoryCapacity?: number,
    /** The newest audit checkpoint at delivery, as the `sagssporcheckpoint` extension; null before the first. */
    private readonly latestCheckpoint: () => string | null = () => null,
  ) {
    this.directory = new ProposalDirectory(reader, directoryCapacity);
  }

  /** Null for stored events that are not sag events: consumers skip them. */
  async map(recorded: RecordedEvent): Promise<SagIntegrationEvent | null> {
    const event = sagEventOf(recorded);
    if (!event) return null;
    const integrationEvent = toIntegrationEvent(recorded, event, await this.directory.proposalOf(recorded, event));
    const checkpoint = this.latestCheckpoint();
    return checkpoint === null ? integrationEvent : { ...integrationEvent, sagssporcheckpoint: checkpoint };
  }
}
