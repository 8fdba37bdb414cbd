import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { redactMeetingItem } from '@sagsspor/access';
import { ListCommittees, ListMeetings, type CommitteeSummary, type Meeting, type Page } from '@sagsspor/read-model';
import type { PipelineEntry } from '@sagsspor/sag';
import { Allow } from '../auth/allow.decorator';
import { CommitteePath } from '../sager/dto/sag-path.dto';
import { closedAccess } from '../auth/request-principal';
import { KommuneQueryDto, MeetingsQueryDto, PipelineQueryDto } from './dto/read-query.dto';
import { committeePipeline } from './pipeline';

@ApiTags('read')
@Controller('committees')
export class CommitteesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Allow('reader')
  @ApiOperation({
    summary: "A kommune's committees: name, key, periods, aliases (spellings and abbreviations), number of meetings and items",
  })
  async list(@Query() query: KommuneQueryDto): Promise<{ items: CommitteeSummary[] }> {
    return { items: await this.queries.execute<ListCommittees, CommitteeSummary[]>(new ListCommittees(query.kommune)) };
  }

  /** The sager whose next stop is this committee: since when they wait (their latest treatment) and from which committee. */
  @Get(':kommune/:committeeKey/pipeline')
  @Allow('reader')
  @ApiOperation({ summary: 'The sager going to this committee next, newest first: since when and from which committee' })
  async pipeline(@Param() path: CommitteePath, @Query() query: PipelineQueryDto, @Req() req: Request): Promise<Page<PipelineEntry>> {
    return committeePipeline(this.queries, path, closedAccess(req), query);
  }

  @Get(':kommune/:committeeKey/meetings')
  @Allow('reader')
  @ApiOperation({ summary: "A committee's meetings, newest first, with each item's sag number, title, step and outcome" })
  async meetings(@Param() path: CommitteePath, @Query() query: MeetingsQueryDto, @Req() req: Request): Promise<Page<Meeting>> {
    const { kommune, committeeKey: committee } = path;
    const page = await this.queries.execute<ListMeetings, Page<Meeting>>(new ListMeetings({ ...query, kommune, committee }));
    const full = closedAccess(req);
    return { ...page, items: page.items.map((m) => ({ ...m, items: m.items.map((i) => redactMeetingItem(i, full)) })) };
  }
}
