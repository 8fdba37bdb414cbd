import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { describeKnownAt, historyAt, knownBy, NO_CUT, SagNotFoundAtCutError, type HistoryCut, type SagHistoryAt } from '@sagsspor/audit';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@sagsspor/event-store';
import {
  canonicalKey,
  committeeStreamName,
  mergesOfStream,
  provenanceOf,
  readSagStream,
  SagNotFoundError,
  sagRouteOf,
  sagStreamName,
  type SagId,
  type SagRoute,
} from '@sagsspor/sag';

export class GetSagHistory {
  constructor(
    readonly sag: SagId,
    /** Business time (asOf) and record time (knownAt); the whole stream when absent. */
    readonly cut: HistoryCut = NO_CUT,
  ) {}
}

const withProvenance = (stored: RecordedEvent) => ({ stored, provenance: provenanceOf(stored) });

/** A sag's history with its route, both as known and as of the same cut. */
export interface SagHistoryWithRoute extends SagHistoryAt {
  readonly route: SagRoute;
}

/** The sag folded straight from its stream: authoritative, never stale, at any cut. */
@QueryHandler(GetSagHistory)
export class GetSagHistoryHandler implements IQueryHandler<GetSagHistory, SagHistoryWithRoute> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Each committee by its key in the kommune's registry: an alias merged into another reads as that committee (the merges now). */
  async execute({ sag, cut }: GetSagHistory): Promise<SagHistoryWithRoute> {
    const [recorded, committees] = await Promise.all([
      this.store.readStream(sagStreamName(sag)),
      this.store.readStream(committeeStreamName(sag.kommune)),
    ]);
    // As the system knew them at the cut: an auditor's knownAt sees the merges recorded by then.
    const merges = mergesOfStream(knownBy(committees.map(withProvenance), cut.knownAt).map((c) => c.stored));
    const read = readSagStream(recorded);
    const history = historyAt(read.treatments, cut);
    if (history) {
      // The revision names everything known at the cut, route versions included: it is the ETag an If-Match answers.
      const routes = knownBy(read.routes, cut.knownAt).map((r) => r.event.data);
      const lastRoute = routes.length > 0 ? (read.routes[routes.length - 1]?.provenance.revision ?? -1) : -1;
      const revision = Math.max(history.revision, lastRoute);
      const timeline = history.timeline.map((e) => ({ ...e, committeeKey: canonicalKey(merges, e.committeeKey) }));
      return { ...history, revision, timeline, route: sagRouteOf(history.timeline, routes, cut.asOf, merges) };
    }
    if (recorded.length === 0) throw new SagNotFoundError(sag);
    throw new SagNotFoundAtCutError(sag, { asOf: cut.asOf, knownAt: cut.knownAt && describeKnownAt(cut.knownAt) });
  }
}
