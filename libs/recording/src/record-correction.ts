import { Inject } from '@nestjs/common';
import { CommandHandler, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import { knownBy, type KnownAt } from '@sagsspor/audit';
import { EVENT_STORE, type EventStore } from '@sagsspor/event-store';
import {
  changesOf,
  decideCorrection,
  recordedSagEventOf,
  SagNotFoundError,
  sagStreamName,
  type CorrectTreatment,
  type RecordChange,
  type SagId,
} from '@sagsspor/sag';
import type { RecordContext } from './record-context';
import { recordOnSag, type RecordResult } from './sag-stream';

/** A clerk's correction of one record: load, fold, decideCorrection, append with the caller's If-Match. */
export class RecordCorrection {
  constructor(
    readonly command: CorrectTreatment,
    readonly context: RecordContext,
  ) {}
}

@CommandHandler(RecordCorrection)
export class RecordCorrectionHandler implements ICommandHandler<RecordCorrection, RecordResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ command, context }: RecordCorrection): Promise<RecordResult> {
    return recordOnSag(this.store, command.data.sag, context, (state) => decideCorrection(command, state));
  }
}

export interface SagChanges {
  readonly kommune: string;
  readonly sagsnummer: string;
  /** The stream revision the answer was computed at. */
  readonly revision: number;
  readonly changes: RecordChange[];
}

/** What changed on a sag after a point in record time, folded from its stream. */
export class GetSagChanges {
  constructor(
    readonly sag: SagId,
    readonly since: KnownAt,
  ) {}
}

@QueryHandler(GetSagChanges)
export class GetSagChangesHandler implements IQueryHandler<GetSagChanges, SagChanges> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ sag, since }: GetSagChanges): Promise<SagChanges> {
    const recorded = (await this.store.readStream(sagStreamName(sag))).map(recordedSagEventOf);
    const first = recorded[0];
    const last = recorded[recorded.length - 1];
    if (!first || !last) throw new SagNotFoundError(sag);
    // Record time is a prefix of the stream (see knownBy): what lies past it changed since.
    const known = knownBy(recorded, since).length;
    return {
      kommune: first.event.data.kommune,
      sagsnummer: first.event.data.sagsnummer,
      revision: last.provenance.revision,
      changes: changesOf(recorded, (p) => p.revision < known),
    };
  }
}
