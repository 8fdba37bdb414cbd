import type { QueryBus } from '@nestjs/cqrs';
import { redactSagSummary } from '@sagsspor/access';
import { ListSager, type Page, type SagerFilter, type SagSummary } from '@sagsspor/read-model';
import { pipelineEntryOf, type PipelineEntry } from '@sagsspor/sag';
import { today } from './today';

/** The sager whose next stop is this committee, newest first, redacted for the caller: the API's pipeline and the committee page's. */
export async function committeePipeline(
  queries: QueryBus,
  committee: { readonly kommune: string; readonly committeeKey: string },
  closedAccess: boolean,
  paging: Pick<SagerFilter, 'limit' | 'cursor' | 'stale'> = {},
): Promise<Page<PipelineEntry>> {
  const filter = { ...paging, kommune: committee.kommune, next: committee.committeeKey, today: today(), closedAccess };
  const page = await queries.execute<ListSager, Page<SagSummary>>(new ListSager(filter));
  return { ...page, items: page.items.map((s) => pipelineEntryOf(redactSagSummary(s, closedAccess))) };
}
