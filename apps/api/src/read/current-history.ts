import type { QueryBus } from '@nestjs/cqrs';
import type { HistoryCut, SagHistoryAt } from '@sagsspor/audit';
import { GetSagFromReadModel, ReadModelNotReadyError } from '@sagsspor/read-model';
import { GetSagHistory, SagNotFoundError } from '@sagsspor/recording';
import type { SagId } from '@sagsspor/sag';

/**
 * A sag's history now: the read model answers; the stream, authoritative,
 * when the model has not got the sag yet (written by another process a
 * moment ago) or is still being built.
 */
export async function currentHistory(queries: QueryBus, sag: SagId): Promise<SagHistoryAt> {
  try {
    return await queries.execute<GetSagFromReadModel, SagHistoryAt>(new GetSagFromReadModel(sag));
  } catch (error: unknown) {
    if (!(error instanceof SagNotFoundError || error instanceof ReadModelNotReadyError)) throw error;
    return queries.execute<GetSagHistory, SagHistoryAt>(new GetSagHistory(sag));
  }
}

/** At a cut (as of a meeting date, as known at a time), folded from the log; now, from the read model. */
export function historyAtCut(queries: QueryBus, sag: SagId, cut: HistoryCut): Promise<SagHistoryAt> {
  return cut.asOf === null && cut.knownAt === null
    ? currentHistory(queries, sag)
    : queries.execute<GetSagHistory, SagHistoryAt>(new GetSagHistory(sag, cut));
}
