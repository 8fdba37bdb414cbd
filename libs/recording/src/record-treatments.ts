import type { EventStore } from '@sagsspor/event-store';
import { AppError } from '@sagsspor/kernel';
import { decide, evolve, initialState, type SagCommand, type SagEvent, type SagId, type SagState } from '@sagsspor/sag';
import type { RecordContext } from './record-context';
import { loadSag, recordOnSag } from './sag-stream';

export interface CommandOutcome {
  readonly command: SagCommand;
  readonly appended: number;
  readonly rejected?: { code: string; detail: string; extensions: Record<string, unknown> };
}

export interface RecordTreatmentsResult {
  readonly revision: number;
  readonly appended: number;
  readonly outcomes: CommandOutcome[];
  /** What was (or, previewed, would be) appended, and the state it was decided on. */
  readonly events: readonly SagEvent[];
  readonly before: SagState;
}

export interface RecordTreatmentsOptions {
  readonly skipRejected: boolean;
  /** Decided after the commands, on the state they leave (the withdrawals of a newer document version). */
  readonly then?: (state: SagState) => SagEvent[];
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
  options: RecordTreatmentsOptions = { skipRejected: false },
): Promise<RecordTreatmentsResult> {
  let decided: Decided = { events: [], outcomes: [], before: initialState };
  const result = await recordOnSag(store, sag, context, (loaded) => {
    // Decided afresh for each attempt: the outcomes describe the state this append builds on.
    decided = decideAll(loaded, commands, options);
    return decided.events;
  });
  return { revision: result.revision, appended: result.appended, ...decided };
}

/** What recordTreatments would append now, appending nothing (an import's --dry-run). */
export async function previewTreatments(
  store: EventStore,
  sag: SagId,
  commands: readonly SagCommand[],
  options: RecordTreatmentsOptions = { skipRejected: false },
): Promise<RecordTreatmentsResult> {
  const loaded = await loadSag(store, sag);
  return { revision: loaded.revision, appended: 0, ...decideAll(loaded.state, commands, options) };
}

interface Decided {
  events: SagEvent[];
  outcomes: CommandOutcome[];
  before: SagState;
}

function decideAll(loaded: SagState, commands: readonly SagCommand[], options: RecordTreatmentsOptions): Decided {
  const outcomes: CommandOutcome[] = [];
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
  if (options.then) events.push(...options.then(state));
  return { events, outcomes, before: loaded };
}
