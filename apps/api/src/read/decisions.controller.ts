import { Controller, Get, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { redactDecisionEntry } from '@sagsspor/access';
import { ListDecisions, type DecisionEntry, type Page } from '@sagsspor/read-model';
import { Allow } from '../auth/allow.decorator';
import { closedAccess } from '../auth/request-principal';
import { ListDecisionsQueryDto } from './dto/read-query.dto';

@ApiTags('read')
@Controller('decisions')
export class DecisionsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Allow('reader')
  @ApiOperation({ summary: 'The decision log of a kommune (decisions and recommendations), newest meeting first' })
  async list(@Query() query: ListDecisionsQueryDto, @Req() req: Request): Promise<Page<DecisionEntry>> {
    const page = await this.queries.execute<ListDecisions, Page<DecisionEntry>>(new ListDecisions(query));
    const full = closedAccess(req);
    return { ...page, items: page.items.map((e) => redactDecisionEntry(e, full)) };
  }
}
