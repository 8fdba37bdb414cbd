import type { EventStore } from '@sagsspor/event-store';
import { AppError } from '@sagsspor/kernel';
import {
  decide,
  decideRoute,
  evolve,
  evolveRoute,
  type RecordRoute,
  type SagCommand,
  type SagEvent,
  type SagId,
  type SagRouteEvent,
} from '@sagsspor/sag';
import type { RecordContext } from './record-context';
import { recordOnSag } from './sag-stream';

export interface CommandOutcome {
  readonly command: SagCommand | RecordRoute;
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
  commands: readonly (SagCommand | RecordRoute)[],
  context: RecordContext,
  options: { skipRejected: boolean } = { skipRejected: false },
): Promise<RecordTreatmentsResult> {
  let outcomes: CommandOutcome[] = [];
  const result = await recordOnSag(store, sag, context, (loaded, loadedRoute) => {
    // Decided afresh for each attempt: the outcomes describe the state this append builds on.
    outcomes = [];
    let [state, route] = [loaded, loadedRoute];
    const events: (SagEvent | SagRouteEvent)[] = [];
    for (const command of commands) {
      try {
        if (command.type === 'RecordRoute') {
          const routed = decideRoute(command, state, route);
          route = routed.reduce(evolveRoute, route);
          events.push(...routed);
          outcomes.push({ command, appended: routed.length });
          continue;
        }
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
