import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EventStore } from '@sagsspor/event-store';
import { AppError } from '@sagsspor/kernel';
import { decide, evolve, type SagCommand, type SagEvent, type SagId } from '@sagsspor/sag';
import type { RecordContext } from './record-context';
import { loadSag, toNewEvents } from './sag-stream';
import { EVENT_STORE } from './tokens';

/**
 * Several treatments of one sag recorded in one atomic append: how an import
 * records what one document says about a sag. With `skipRejected`, a command
 * the domain refuses is reported and the others are still recorded.
 */
export class RecordTreatments {
  constructor(
    readonly sag: SagId,
    readonly commands: readonly SagCommand[],
    readonly context: RecordContext,
    readonly options: { skipRejected: boolean } = { skipRejected: false },
  ) {}
}

export interface CommandOutcome {
  readonly command: SagCommand;
  readonly appended: number;
  readonly rejected?: { code: string; detail: string; extensions: Record<string, unknown> };
}

export interface RecordTreatmentsResult {
  readonly revision: number;
  readonly appended: number;
  readonly outcomes: CommandOutcome[];
}

@CommandHandler(RecordTreatments)
export class RecordTreatmentsHandler implements ICommandHandler<RecordTreatments, RecordTreatmentsResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ sag, commands, context, options }: RecordTreatments): Promise<RecordTreatmentsResult> {
    const loaded = await loadSag(this.store, sag);
    let state = loaded.state;
    const events: SagEvent[] = [];
    const outcomes: CommandOutcome[] = [];
    for (const command of commands) {
      try {
        const decided = decide(command, state);
        state = decided.reduce(evolve, state);
        events.push(...decided);
        outcomes.push({ command, appended: decided.length });
      } catch (error: unknown) {
        if (!(options.skipRejected && error instanceof AppError)) throw error;
        outcomes.push({ command, appended: 0, rejected: { code: error.code, detail: error.detail, extensions: error.extensions } });
      }
    }
    if (events.length === 0) return { revision: loaded.revision, appended: 0, outcomes };
    const result = await this.store.append(
      loaded.streamName,
      toNewEvents(loaded, events, context),
      loaded.revision < 0 ? 'no_stream' : loaded.revision,
    );
    return { revision: result.nextRevision, appended: events.length, outcomes };
  }
}
