import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { redactDecisionEntry, redactHistory, redactSagerPage } from '@sagsspor/access';
import { ListDecisions, ListSager, type DecisionEntry, type Page, type SagSummary } from '@sagsspor/read-model';
import { Allow } from '../../auth/allow.decorator';
import { closedAccess } from '../../auth/request-principal';
import { sendWhole } from '../../http/compression';
import { currentHistory } from '../../read/current-history';
import { today } from '../../read/today';
import { SagPath } from '../../sager/dto/sag-path.dto';
import { findCommittee } from '../committee-page.controller';
import { committeePath, query as queryString, sagPath } from '../labels';
import { SearchPageQuery, setFields } from '../page-query';
import { defaultKommune } from '../pages-config';
import { atomFeed, decisionFeedEntry, FEED_TYPE, MAX_FEED_ENTRIES, newestFirst, timelineFeedEntry, type FeedEntry } from './atom';
import { InvalidInputError } from '@sagsspor/kernel';

/** Sager a search feed follows: the newest of the search's first page. */
const SEARCH_FEED_SAGER = 20;

/** Atom feeds: a sag's treatments, a committee's decisions and recommendations, a search's latest treatments. */
@ApiExcludeController()
@Controller()
export class FeedsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('sag/:kommune/:sagsnummer/feed.atom')
  @Allow('reader')
  async sag(@Param() path: SagPath, @Req() req: Request, @Res() res: Response): Promise<void> {
    const sag = redactHistory(await currentHistory(this.queries, path), closedAccess(req));
    const entries = sag.timeline.map((e) => timelineFeedEntry(sag, e)).sort(newestFirst);
    const page = sagPath(sag.kommune, sag.sagsnummer);
    send(
      req,
      res,
      { title: `Sag ${sag.sagsnummer}${sag.title ? `: ${sag.title}` : ''}`, subtitle: `${sag.kommune} Kommune`, page },
      entries,
    );
  }

  @Get('udvalg/:kommune/:committee/feed.atom')
  @Allow('reader')
  async committee(@Param('kommune') kommune: string, @Param('committee') name: string, @Req() req: Request, @Res() res: Response) {
    const found = await findCommittee(this.queries, kommune, name);
    const log = await this.queries.execute<ListDecisions, Page<DecisionEntry>>(
      new ListDecisions({ kommune, committee: found.committeeKey, limit: MAX_FEED_ENTRIES }),
    );
    const full = closedAccess(req);
    const entries = log.items.map((d) => decisionFeedEntry(redactDecisionEntry(d, full)));
    const title = `${found.committee}: beslutninger og anbefalinger`;
    send(req, res, { title, subtitle: `${kommune} Kommune`, page: committeePath(kommune, found.committeeKey) }, entries);
  }

  @Get('feed.atom')
  @Allow('reader')
  async search(@Query() raw: SearchPageQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { cursor: _cursor, ...filter } = setFields(raw);
    const kommune = filter.kommune ?? defaultKommune();
    if (kommune === undefined) throw new InvalidInputError('kommune must name a kommune');
    const f = { ...filter, kommune };
    const full = closedAccess(req);
    const found = redactSagerPage(
      await this.queries.execute<ListSager, Page<SagSummary>>(
        new ListSager({ ...f, today: today(), closedAccess: full, limit: SEARCH_FEED_SAGER }),
      ),
      full,
    );
    const histories = await Promise.all(found.items.map((s) => currentHistory(this.queries, s)));
    const entries = histories
      .flatMap((h) => {
        const sag = redactHistory(h, full);
        return sag.timeline.map((e) => timelineFeedEntry(sag, e));
      })
      .sort(newestFirst)
      .slice(0, MAX_FEED_ENTRIES);
    const words = [f.q && `"${f.q}"`, f.committee, f.status].filter(Boolean).join(', ');
    send(
      req,
      res,
      { title: `Sager i ${kommune}${words ? `: ${words}` : ''}`, subtitle: 'Nyeste behandlinger', page: `/${queryString(f)}` },
      entries,
    );
  }
}

function send(req: Request, res: Response, head: { title: string; subtitle: string; page: string }, entries: readonly FeedEntry[]): void {
  const origin = `${req.protocol}://${req.get('host') ?? 'localhost'}`;
  const xml = atomFeed({ ...head, self: `${origin}${req.originalUrl}`, page: `${origin}${head.page}` }, entries, origin);
  res.setHeader('Cache-Control', 'private, no-cache');
  res.vary('Cookie');
  sendWhole(res.status(200).type(FEED_TYPE), xml);
}
