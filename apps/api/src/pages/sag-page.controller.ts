import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { redactHistoryWithRoute } from '@sagsspor/access';
import { parseCut, SagNotFoundAtCutError } from '@sagsspor/audit';
import type { SagHistoryWithRoute } from '@sagsspor/recording';
import { Allow } from '../auth/allow.decorator';
import { requireRole } from '../auth/request-principal';
import { currentHistory, historyAtCut } from '../read/current-history';
import { SagPath } from '../sager/dto/sag-path.dto';
import { sagPath } from './labels';
import { SagPageQuery, setFields } from './page-query';
import { committeesOf, meetingDates, stopsAhead, treatmentsOf } from './sag-page';
import { sendPage } from './views';
import { viewerOf } from './viewer';

/**
 * A sag's page: its treatments across committees, and the as-of slider over
 * its meeting dates. As of a date is open to every reader — it only leaves
 * out later meetings of what is known now; known-at (what the system knew
 * then, before corrections) is the auditors' tool, as in the API.
 */
@ApiExcludeController()
@Controller('sag/:kommune/:sagsnummer')
export class SagPageController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Allow('reader')
  async page(@Param() path: SagPath, @Query() raw: SagPageQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    const query = setFields(raw);
    if (query.knownAt !== undefined) requireRole(req, 'auditor', 'knownAt');
    const cut = parseCut(query);
    const viewer = viewerOf(req);
    const now = await currentHistory(this.queries, path);
    const cutAt = cut.asOf === null && cut.knownAt === null ? now : await this.atCut(path, cut);
    // The JSON's own redaction: a page shows a reader what GET /sager/{k}/{n} gives the same reader.
    const sag = redactHistoryWithRoute(now, viewer.closedAccess);
    const shown = cutAt === now ? sag : cutAt && redactHistoryWithRoute(cutAt, viewer.closedAccess);
    const href = sagPath(sag.kommune, sag.sagsnummer);
    sendPage(res, 'sag', {
      title: `Sag ${sag.sagsnummer}`,
      viewer,
      sag,
      shown,
      treatments: shown ? treatmentsOf(shown) : [],
      route: shown?.route ?? null,
      ahead: shown ? stopsAhead(shown.route) : [],
      committees: committeesOf(sag),
      dates: meetingDates(sag),
      asOf: cut.asOf,
      knownAt: query.knownAt ?? null,
      href,
      feed: { title: `Sag ${sag.sagsnummer}: nye behandlinger`, href: `${href}/feed.atom` },
    });
  }

  /** Null when the sag had no treatment yet at the cut (it exists now: the page says so rather than 404). */
  private async atCut(path: SagPath, cut: ReturnType<typeof parseCut>): Promise<SagHistoryWithRoute | null> {
    try {
      return await historyAtCut(this.queries, path, cut);
    } catch (error: unknown) {
      if (error instanceof SagNotFoundAtCutError) return null;
      throw error;
    }
  }
}
