import type { EventStore } from '@sagsspor/event-store';
import { AppError } from '@sagsspor/kernel';
import { decide, evolve, type SagCommand, type SagEvent, type SagId } from '@sagsspor/sag';
import type { RecordContext } from './record-context';
import { recordOnSag } from './sag-stream';

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

/**
 * Several treatments of one sag recorded in one atomic append: how an import
 * records what one document says about a sag. With `skipRejected`, a command
 * the domain refuses is reported and the others are still recorded.
 */
export async function recordTreatments(
  store: EventStore,
  sag: SagId,
  commands: readonly SagCommand[],
  context: RecordContext,
  options: { skipRejected: boolean } = { skipRejected: false },
): Promise<RecordTreatmentsResult> {
  let outcomes: CommandOutcome[] = [];
  const result = await recordOnSag(store, sag, context, (loaded) => {
    // Decided afresh for each attempt: the outcomes describe the state this append builds on.
    outcomes = [];
    let state = loaded;
    const events: SagEvent[] = [];
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
    return events;
  });
  return { revision: result.revision, appended: result.appended, outcomes };
}
