import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EventStore } from '@sagsspor/event-store';
import { buildHistory, sagStreamName, type SagHistory, type SagId } from '@sagsspor/sag';
import { SagNotFoundError } from './errors';
import { toRecordedSagEvent } from './sag-stream';
import { EVENT_STORE } from './tokens';

export class GetSagHistory {
  constructor(readonly sag: SagId) {}
}

/** The sag folded straight from its stream: authoritative, never stale. */
@QueryHandler(GetSagHistory)
export class GetSagHistoryHandler implements IQueryHandler<GetSagHistory, SagHistory> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ sag }: GetSagHistory): Promise<SagHistory> {
    const recorded = await this.store.readStream(sagStreamName(sag));
    const history = buildHistory(recorded.map(toRecordedSagEvent));
    if (!history) throw new SagNotFoundError(sag);
    return history;
  }
}
