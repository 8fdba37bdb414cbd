import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { describeKnownAt, historyAt, NO_CUT, SagNotFoundAtCutError, type HistoryCut, type SagHistoryAt } from '@sagsspor/audit';
import { EVENT_STORE, type EventStore } from '@sagsspor/event-store';
import { recordedSagEventOf, SagNotFoundError, sagStreamName, type SagId } from '@sagsspor/sag';

export class GetSagHistory {
  constructor(
    readonly sag: SagId,
    /** Business time (asOf) and record time (knownAt); the whole stream when absent. */
    readonly cut: HistoryCut = NO_CUT,
  ) {}
}

/** The sag folded straight from its stream: authoritative, never stale, at any cut. */
@QueryHandler(GetSagHistory)
export class GetSagHistoryHandler implements IQueryHandler<GetSagHistory, SagHistoryAt> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ sag, cut }: GetSagHistory): Promise<SagHistoryAt> {
    const recorded = await this.store.readStream(sagStreamName(sag));
    const history = historyAt(recorded.map(recordedSagEventOf), cut);
    if (history) return history;
    if (recorded.length === 0) throw new SagNotFoundError(sag);
    throw new SagNotFoundAtCutError(sag, { asOf: cut.asOf, knownAt: cut.knownAt && describeKnownAt(cut.knownAt) });
  }
}
