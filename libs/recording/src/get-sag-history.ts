import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { describeKnownAt, historyAt, knownBy, NO_CUT, SagNotFoundAtCutError, type HistoryCut, type SagHistoryAt } from '@sagsspor/audit';
import { EVENT_STORE, type EventStore } from '@sagsspor/event-store';
import { readSagStream, SagNotFoundError, sagRouteOf, sagStreamName, type SagId, type SagRoute } from '@sagsspor/sag';

export class GetSagHistory {
  constructor(
    readonly sag: SagId,
    /** Business time (asOf) and record time (knownAt); the whole stream when absent. */
    readonly cut: HistoryCut = NO_CUT,
  ) {}
}

/** A sag's history with its route, both as known and as of the same cut. */
export interface SagHistoryWithRoute extends SagHistoryAt {
  readonly route: SagRoute;
}

/** The sag folded straight from its stream: authoritative, never stale, at any cut. */
@QueryHandler(GetSagHistory)
export class GetSagHistoryHandler implements IQueryHandler<GetSagHistory, SagHistoryWithRoute> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ sag, cut }: GetSagHistory): Promise<SagHistoryWithRoute> {
    const recorded = await this.store.readStream(sagStreamName(sag));
    const read = readSagStream(recorded);
    const history = historyAt(read.treatments, cut);
    if (history) {
      // The revision names everything known at the cut, route versions included: it is the ETag an If-Match answers.
      const routes = knownBy(read.routes, cut.knownAt).map((r) => r.event.data);
      const lastRoute = routes.length > 0 ? (read.routes[routes.length - 1]?.provenance.revision ?? -1) : -1;
      const revision = Math.max(history.revision, lastRoute);
      return { ...history, revision, route: sagRouteOf(history.timeline, routes, cut.asOf) };
    }
    if (recorded.length === 0) throw new SagNotFoundError(sag);
    throw new SagNotFoundAtCutError(sag, { asOf: cut.asOf, knownAt: cut.knownAt && describeKnownAt(cut.knownAt) });
  }
}
