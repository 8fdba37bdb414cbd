import type { QueryBus } from '@nestjs/cqrs';
import { NO_CUT, type HistoryCut } from '@sagsspor/audit';
import { GetSagHistory, type SagHistoryWithRoute } from '@sagsspor/recording';
import type { SagId } from '@sagsspor/sag';

/** A sag's history now, folded from its stream: short and indexed, never behind a projector. */
export function currentHistory(queries: QueryBus, sag: SagId): Promise<SagHistoryWithRoute> {
  return historyAtCut(queries, sag, NO_CUT);
}

/** At a cut (as of a meeting date, as known at a time), or now: folded from the log. */
export function historyAtCut(queries: QueryBus, sag: SagId, cut: HistoryCut): Promise<SagHistoryWithRoute> {
  return queries.execute<GetSagHistory, SagHistoryWithRoute>(new GetSagHistory(sag, cut));
}
