import { Controller, Get, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { redactSagerPage } from '@sagsspor/access';
import { ListSager, type Page, type SagSummary } from '@sagsspor/read-model';
import { Allow } from '../auth/allow.decorator';
import { closedAccess } from '../auth/request-principal';
import { ListSagerQueryDto } from './dto/read-query.dto';

@ApiTags('read')
@Controller('sager')
export class SagerListController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Allow('reader')
  @ApiOperation({
    summary:
      'Sager of a kommune, newest last treatment first, from the read model; filter by committee, status, last-treatment dates and text',
  })
  async list(@Query() query: ListSagerQueryDto, @Req() req: Request): Promise<Page<SagSummary>> {
    const page = await this.queries.execute<ListSager, Page<SagSummary>>(new ListSager(query));
    return redactSagerPage(page, query.q, closedAccess(req));
  }
}
