import { Controller, Get, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { redactSagSummary, searchableText } from '@sagsspor/access';
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
    const full = closedAccess(req);
    // `q` must not find a closed sag by the title this caller may not read. The store matched title
    // and number; a closed sag found only by its title is dropped here (the page may come out short:
    // better than a leak — the store could take the caller's access into its own match instead).
    const q = query.q?.trim().toLocaleLowerCase('da');
    const visible = q === undefined ? page.items : page.items.filter((s) => searchableText(s, full).toLocaleLowerCase('da').includes(q));
    return { ...page, items: visible.map((s) => redactSagSummary(s, full)) };
  }
}
