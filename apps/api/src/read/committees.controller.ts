import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { redactMeetingItem, redactSagSummary } from '@sagsspor/access';
import {
  ListCommittees,
  ListMeetings,
  ListSager,
  type CommitteeSummary,
  type Meeting,
  type Page,
  type SagSummary,
} from '@sagsspor/read-model';
import { pipelineEntryOf, type PipelineEntry } from '@sagsspor/sag';
import { Allow } from '../auth/allow.decorator';
import { CommitteePath } from '../sager/dto/sag-path.dto';
import { closedAccess } from '../auth/request-principal';
import { KommuneQueryDto, MeetingsQueryDto, PipelineQueryDto } from './dto/read-query.dto';
import { today } from './today';

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
    const full = closedAccess(req);
    const filter = { ...query, kommune: path.kommune, next: path.committeeKey, today: today(), closedAccess: full };
    const page = await this.queries.execute<ListSager, Page<SagSummary>>(new ListSager(filter));
    return { ...page, items: page.items.map((s) => pipelineEntryOf(redactSagSummary(s, full))) };
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
