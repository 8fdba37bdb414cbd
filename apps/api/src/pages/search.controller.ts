import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { redactSagerPage } from '@sagsspor/access';
import { ListCommittees, ListSager, SAG_STATUSES, type CommitteeSummary, type Page, type SagSummary } from '@sagsspor/read-model';
import { Allow } from '../auth/allow.decorator';
import { today } from '../read/today';
import { query as queryString } from './labels';
import { SearchPageQuery, setFields } from './page-query';
import { defaultKommune } from './pages-config';
import { sendPage } from './views';
import { viewerOf } from './viewer';

export const SEARCH_PAGE_SIZE = 25;

/** The front page: search a kommune's sager, newest activity first, a page at a time. */
@ApiExcludeController()
@Controller()
export class SearchPageController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Allow('reader')
  async search(@Query() raw: SearchPageQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { cursor, ...filter } = setFields(raw);
    const kommune = filter.kommune ?? defaultKommune();
    const viewer = viewerOf(req);
    const data = { title: 'Søg sager', viewer, filter: { ...filter, kommune }, statuses: SAG_STATUSES };
    if (kommune === undefined) return sendPage(res, 'search', { ...data, results: null, committees: [] });
    const f = { ...filter, kommune };
    const [page, committees] = await Promise.all([
      this.queries.execute<ListSager, Page<SagSummary>>(
        new ListSager({ ...f, today: today(), closedAccess: viewer.closedAccess, limit: SEARCH_PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
      ),
      this.queries.execute<ListCommittees, CommitteeSummary[]>(new ListCommittees(kommune)),
    ]);
    const results = redactSagerPage(page, viewer.closedAccess);
    const qs = queryString(f);
    sendPage(res, 'search', {
      ...data,
      results,
      committees,
      firstPage: cursor !== undefined ? `/${qs}` : null,
      nextPage: results.nextCursor ? `/${queryString({ ...f, cursor: results.nextCursor })}` : null,
      csv: `/sager.csv${qs}`,
      feed: { title: `Sager i ${kommune}: nye behandlinger`, href: `/feed.atom${qs}` },
    });
  }
}
