import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { redactMeetingItem } from '@sagsspor/access';
import { NotFoundError } from '@sagsspor/kernel';
import { FindCommittee, ListMeetings, type CommitteeSummary, type Meeting, type Page } from '@sagsspor/read-model';
import { Allow } from '../auth/allow.decorator';
import { committeePipeline } from '../read/pipeline';
import { committeePath, query as queryString } from './labels';
import { CommitteePageQuery, setFields } from './page-query';
import { sendPage } from './views';
import { viewerOf } from './viewer';

export class CommitteeNotFoundError extends NotFoundError {
  constructor(kommune: string, committee: string) {
    super('committee.not-found', `No committee ${committee} has treated a sag in ${kommune}.`, { kommune, committee });
  }
}

/** Finds a committee by its key, any spelling of its name, or an abbreviation (the registry's rule, through the kommune's merges). */
export async function findCommittee(queries: QueryBus, kommune: string, committee: string): Promise<CommitteeSummary> {
  const found = await queries.execute<FindCommittee, CommitteeSummary | null>(new FindCommittee(kommune, committee));
  if (!found) throw new CommitteeNotFoundError(kommune, committee);
  return found;
}

/** Sager expected next at the committee, shown on its page (newest first). */
const PIPELINE_ON_PAGE = 20;

/** A committee's page: name, period, the sager expected there next, and its meetings (newest first) with their items. */
@ApiExcludeController()
@Controller('udvalg/:kommune/:committee')
export class CommitteePageController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Allow('reader')
  async page(
    @Param('kommune') kommune: string,
    @Param('committee') committee: string,
    @Query() raw: CommitteePageQuery,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const { cursor, ...range } = setFields(raw);
    const viewer = viewerOf(req);
    const found = await findCommittee(this.queries, kommune, committee);
    const [page, pipeline] = await Promise.all([
      this.queries.execute<ListMeetings, Page<Meeting>>(
        new ListMeetings({ ...range, kommune, committee: found.committeeKey, ...(cursor ? { cursor } : {}) }),
      ),
      committeePipeline(this.queries, { kommune, committeeKey: found.committeeKey }, viewer.closedAccess, { limit: PIPELINE_ON_PAGE }),
    ]);
    const meetings = page.items.map((m) => ({ ...m, items: m.items.map((i) => redactMeetingItem(i, viewer.closedAccess)) }));
    const href = committeePath(kommune, found.committeeKey);
    sendPage(res, 'committee', {
      title: found.committee,
      viewer,
      kommune,
      committee: found,
      meetings,
      pipeline: pipeline.items,
      // The page shows the newest; the whole list is the API's.
      pipelineMore: pipeline.nextCursor !== null,
      range,
      href,
      firstPage: cursor !== undefined ? `${href}${queryString(range)}` : null,
      nextPage: page.nextCursor ? `${href}${queryString({ ...range, cursor: page.nextCursor })}` : null,
      feed: { title: `${found.committee}: beslutninger og anbefalinger`, href: `${href}/feed.atom` },
      csv: `/decisions.csv${queryString({ kommune, committee: found.committeeKey, ...range })}`,
    });
  }
}
