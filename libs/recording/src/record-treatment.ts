import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WrongExpectedRevisionError, type EventStore } from '@sagsspor/event-store';
import { decide, type SagCommand } from '@sagsspor/sag';
import type { RecordContext } from './record-context';
import { loadSag, toNewEvents } from './sag-stream';
import { EVENT_STORE } from './tokens';

export class RecordTreatment {
  constructor(
    readonly command: SagCommand,
    readonly context: RecordContext,
  ) {}
}

export interface RecordResult {
  readonly appended: number;
  readonly revision: number;
  readonly eventIds: string[];
  /** Global position of the last event appended; null when nothing was. */
  readonly position: string | null;
}

/** Load, fold, decide, append with the expected revision. Conflicts surface; callers choose to retry. */
@CommandHandler(RecordTreatment)
export class RecordTreatmentHandler implements ICommandHandler<RecordTreatment, RecordResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ command, context }: RecordTreatment): Promise<RecordResult> {
    const loaded = await loadSag(this.store, command.data.sag);
    const expected = context.expectedRevision;
    if (expected !== undefined && expected !== loaded.revision) {
      throw new WrongExpectedRevisionError(loaded.streamName, String(expected), loaded.revision < 0 ? 'none' : loaded.revision);
    }
    const events = decide(command, loaded.state);
    if (events.length === 0) return { appended: 0, revision: loaded.revision, eventIds: [], position: null };
    const newEvents = toNewEvents(loaded, events, context);
    const result = await this.store.append(loaded.streamName, newEvents, loaded.revision < 0 ? 'no_stream' : loaded.revision);
    return {
      appended: events.length,
      revision: result.nextRevision,
      eventIds: newEvents.map((e) => e.metadata.eventId),
      position: result.position.toString(),
    };
  }
}
