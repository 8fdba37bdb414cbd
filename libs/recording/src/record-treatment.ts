import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@sagsspor/event-store';
import { decide, type SagCommand } from '@sagsspor/sag';
import type { RecordContext } from './record-context';
import { recordOnSag, type RecordResult } from './sag-stream';

export class RecordTreatment {
  constructor(
    readonly command: SagCommand,
    readonly context: RecordContext,
  ) {}
}

@CommandHandler(RecordTreatment)
export class RecordTreatmentHandler implements ICommandHandler<RecordTreatment, RecordResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ command, context }: RecordTreatment): Promise<RecordResult> {
    return recordOnSag(this.store, command.data.sag, context, (state) => decide(command, state));
  }
}
