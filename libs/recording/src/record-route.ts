import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@sagsspor/event-store';
import { decideRoute, type RecordRoute } from '@sagsspor/sag';
import type { RecordContext } from './record-context';
import { recordOnSag, type RecordResult } from './sag-stream';

/** A new version of a sag's route (a clerk's, through the API): load, fold, decideRoute, append. */
export class RecordSagRoute {
  constructor(
    readonly command: RecordRoute,
    readonly context: RecordContext,
  ) {}
}

@CommandHandler(RecordSagRoute)
export class RecordSagRouteHandler implements ICommandHandler<RecordSagRoute, RecordResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ command, context }: RecordSagRoute): Promise<RecordResult> {
    return recordOnSag(this.store, command.data.sag, context, (state, route) => decideRoute(command, state, route));
  }
}
