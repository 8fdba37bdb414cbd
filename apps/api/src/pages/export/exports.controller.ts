import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { redactDecisionEntry, redactSagerPage } from '@sagsspor/access';
import { ListDecisions, ListSager, MAX_LIMIT, type DecisionEntry, type Page, type SagSummary } from '@sagsspor/read-model';
import { Allow } from '../../auth/allow.decorator';
import { closedAccess } from '../../auth/request-principal';
import { ListDecisionsQueryDto, ListSagerQueryDto } from '../../read/dto/read-query.dto';
import { today } from '../../read/today';
import { query as queryString } from '../labels';
import { decisionRows, DECISION_COLUMNS, sagerRows, SAGER_COLUMNS, sendCsv } from './csv';

/**
 * CSV of the sager list and the decision log: the JSON routes' filters and
 * redaction, by extension (/sager.csv) or by `Accept: text/csv` on the JSON
 * routes themselves (which call these).
 */
@ApiTags('read')
@Controller()
export class ExportsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('sager.csv')
  @Allow('reader')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'GET /sager as CSV: the same filters; without limit, every matching sag' })
  async sager(@Query() query: ListSagerQueryDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    await exportSager(this.queries, query, req, res);
  }

  @Get('decisions.csv')
  @Allow('reader')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'GET /decisions as CSV: the same filters; without limit, the whole log' })
  async decisions(@Query() query: ListDecisionsQueryDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    await exportDecisions(this.queries, query, req, res);
  }
}

export function wantsCsv(req: Request): boolean {
  return req.accepts(['application/json', 'text/csv']) === 'text/csv';
}

export function exportSager(queries: QueryBus, query: ListSagerQueryDto, req: Request, res: Response): Promise<void> {
  const full = closedAccess(req);
  const fetchPage = async (cursor: string | undefined) =>
    redactSagerPage(
      await queries.execute<ListSager, Page<SagSummary>>(
        new ListSager({
          ...query,
          today: today(),
          closedAccess: full,
          limit: query.limit ?? MAX_LIMIT,
          ...(cursor === undefined ? {} : { cursor }),
        }),
      ),
      full,
    );
  return sendCsv(res, 'sager.csv', SAGER_COLUMNS, sagerRows, (c) => fetchPage(c ?? query.cursor), {
    onePage: query.limit !== undefined,
    nextLink: (cursor) => `/sager.csv${queryString({ ...query, cursor })}`,
  });
}

export function exportDecisions(queries: QueryBus, query: ListDecisionsQueryDto, req: Request, res: Response): Promise<void> {
  const full = closedAccess(req);
  const fetchPage = async (cursor: string | undefined) => {
    const page = await queries.execute<ListDecisions, Page<DecisionEntry>>(
      new ListDecisions({ ...query, limit: query.limit ?? MAX_LIMIT, ...(cursor === undefined ? {} : { cursor }) }),
    );
    return { ...page, items: page.items.map((e) => redactDecisionEntry(e, full)) };
  };
  return sendCsv(res, 'beslutninger.csv', DECISION_COLUMNS, decisionRows, (c) => fetchPage(c ?? query.cursor), {
    onePage: query.limit !== undefined,
    nextLink: (cursor) => `/decisions.csv${queryString({ ...query, cursor })}`,
  });
}

const CSV_ALIASES = new Map([
  ['/sager', '/sager.csv'],
  ['/decisions', '/decisions.csv'],
]);

/**
 * `Accept: text/csv` on GET /sager and /decisions answers what /sager.csv
 * and /decisions.csv answer: one handler each, so filters and redaction
 * cannot drift apart. Errors stay problem+json (they follow the original URL).
 */
export function csvNegotiation(req: Request, _res: Response, next: NextFunction): void {
  const alias = req.method === 'GET' ? CSV_ALIASES.get(req.path) : undefined;
  if (alias !== undefined && wantsCsv(req)) req.url = alias + req.url.slice(req.path.length);
  next();
}
