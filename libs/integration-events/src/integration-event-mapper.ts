import type { RecordedEvent } from '@sagsspor/event-store';
import type { SagIntegrationEvent } from './contract';
import { ProposalDirectory, type StreamReader } from './proposal-directory';
import {
  buildHistory,
  decidesForGood,
  decodeRouteEvent,
  EVENT_TYPES,
  readSagStream,
  sagEventOf,
  type SagEvent,
  type SagRouteEvent,
} from '@sagsspor/sag';
import { StreamSoFar } from './stream-so-far';
import { toIntegrationEvent, toRoutedIntegrationEvent } from './to-integration-event';

/**
 * Stored event → public event, for every channel. One per process: the
 * proposal directory it holds is shared by all SSE clients and webhooks.
 */
export class IntegrationEventMapper {
  private readonly directory: ProposalDirectory;
  private readonly reader: StreamReader;
  private readonly streams: StreamSoFar;
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
    this.streams = new StreamSoFar(reader, directoryCapacity);
  }

  /** Null for stored events that are not sag events: consumers skip them. */
  async map(recorded: RecordedEvent): Promise<SagIntegrationEvent | null> {
    const routed = decodeRouteEvent(recorded.type, recorded.data);
    if (routed) return this.withCheckpoint(await this.routedEvent(recorded, routed));
    const event = sagEventOf(recorded);
    if (!event) return null;
    const proposal = await this.directory.proposalOf(recorded, event);
    const mapped = toIntegrationEvent(recorded, event, proposal, await this.finalOf(recorded, event));
    return this.withCheckpoint((await this.closedSince(recorded, event, mapped)) ? closedNow(mapped) : mapped);
  }

  private withCheckpoint(event: SagIntegrationEvent): SagIntegrationEvent {
    const checkpoint = this.latestCheckpoint();
    return checkpoint === null ? event : { ...event, sagssporcheckpoint: checkpoint };
  }

  /** A decision's `final`: the sag's stream as recorded up to it, by libs/sag's one rule. */
  private async finalOf(recorded: RecordedEvent, event: SagEvent): Promise<boolean> {
    const upTo = readSagStream(await this.streams.through(recorded));
    if (event.type !== EVENT_TYPES.decided) return false;
    const timeline = buildHistory(upTo.treatments)?.timeline ?? [];
    const d = event.data;
    const decision = { committee: d.committee, date: d.meetingDate, item: d.item, kind: 'decided' as const, outcome: d.outcome };
    return decidesForGood(
      timeline.filter((e) => !e.withdrawn),
      upTo.routes.map((r) => r.event.data),
      decision,
    );
  }

  /** Delivered after later events were recorded: live delivery (the newest event) needs no look. */
  private async replayed(recorded: RecordedEvent): Promise<boolean> {
    if (!this.reader.headPosition) return false;
    if (recorded.position >= this.head) this.head = await this.reader.headPosition();
    return recorded.position < this.head;
  }

  /**
   * A route version carries the sag's title and access as recorded then; it
   * is closed when the sag is closed then or now (a replay after an access
   * correction), as the other events are.
   */
  private async routedEvent(recorded: RecordedEvent, event: SagRouteEvent): Promise<SagIntegrationEvent> {
    const headline = (events: readonly RecordedEvent[]) => buildHistory(readSagStream(events).treatments);
    const then = headline(await this.streams.through(recorded));
    // A replay (delivered after later events) may meet a sag whose access was corrected to closed since.
    const now = (await this.replayed(recorded)) ? headline(await this.reader.readStream(recorded.streamName)) : then;
    const access = then?.access === 'closed' || now?.access === 'closed' ? 'closed' : 'open';
    return toRoutedIntegrationEvent(recorded, event, { title: then?.title ?? null, access });
  }

  /**
   * An open event delivered after its treatment's access was corrected to
   * closed (a replay: SSE from an old position, a webhook catching up) is
   * closed now: from the correction on, no channel shows its content to
   * anyone without closed access. Live delivery (the newest event) needs no look.
   */
  private async closedSince(recorded: RecordedEvent, event: SagEvent, mapped: SagIntegrationEvent): Promise<boolean> {
    if (mapped.data.access === 'closed' || !(await this.replayed(recorded))) return false;
    return (await this.directory.currentProposalOf(recorded, event, this.head))?.access === 'closed';
  }
}

function closedNow(event: SagIntegrationEvent): SagIntegrationEvent {
  return { ...event, data: { ...event.data, access: 'closed' } } as SagIntegrationEvent;
}
