import { Controller, Get, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { redactSagerPage } from '@sagsspor/access';
import { ListSager, type Page, type SagSummary } from '@sagsspor/read-model';
import { Allow } from '../auth/allow.decorator';
import { closedAccess } from '../auth/request-principal';
import { ListSagerQueryDto } from './dto/read-query.dto';
import { today } from './today';

@ApiTags('read')
@Controller('sager')
export class SagerListController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Allow('reader')
  @ApiOperation({
    summary:
      'Sager of a kommune, newest last treatment first, each with where it is now, where it goes next and whether it is decided for good; filter by committee, status, last-treatment dates, text, the committee it goes to next and how long it has stood still',
  })
  async list(@Query() query: ListSagerQueryDto, @Req() req: Request): Promise<Page<SagSummary>> {
    const full = closedAccess(req);
    const page = await this.queries.execute<ListSager, Page<SagSummary>>(new ListSager({ ...query, today: today(), closedAccess: full }));
    return redactSagerPage(page, full);
  }
}
