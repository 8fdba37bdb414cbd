import { Body, Controller, Get, Headers, Optional, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ListCommittees, ProjectorService, registryOfCommittees, type CommitteeSummary } from '@sagsspor/read-model';
import { GetCommitteeMerges, RecordCommitteeChange, type CommitteeMergesRead, type RecordResult } from '@sagsspor/recording';
import { kommuneName, type CommitteeCommand, type RouteStop } from '@sagsspor/sag';
import { Allow } from '../auth/allow.decorator';
import { etagOf, parseIfMatch } from '../http/etag';
import { recordContext } from '../http/request-context';
import { recordedResponse } from '../http/recorded';
import { KommunePath } from '../sager/dto/sag-path.dto';
import { CommitteeMergeDto, CommitteeSplitDto } from './committee-merge.dto';

export interface CommitteeMergeEntry {
  readonly alias: RouteStop;
  readonly into: RouteStop;
}

/**
 * An admin's merges and splits of a kommune's committee aliases: events in
 * the kommune's committee stream, never in a sag's. Histories, routes, the
 * committee list, the pipeline and the sager lists follow them at once.
 */
@ApiTags('committees')
@Controller('committees/:kommune')
export class CommitteeMergesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Optional() private readonly projector?: ProjectorService,
  ) {}

  @Get('merges')
  @Allow('reader')
  @ApiOperation({ summary: "The kommune's committee merges in force: each alias with the committee it is one with" })
  async list(@Param() path: KommunePath, @Res({ passthrough: true }) res: Response): Promise<{ items: CommitteeMergeEntry[] }> {
    const read = await this.queries.execute<GetCommitteeMerges, CommitteeMergesRead>(new GetCommitteeMerges(path.kommune));
    res.setHeader('ETag', etagOf(read.revision));
    const items = [...read.merges.into].map(([key, into]) => ({
      alias: read.merges.aliases.get(key) ?? { committee: key, committeeKey: key },
      into,
    }));
    return { items: items.sort((a, b) => (a.alias.committeeKey < b.alias.committeeKey ? -1 : 1)) };
  }

  @Post('merges')
  @Allow('admin')
  @ApiOperation({
    summary:
      'Merge a committee into another (admin): an alias from now on; nothing recorded is rewritten. 409 when already merged elsewhere',
  })
  merge(
    @Param() path: KommunePath,
    @Body() body: CommitteeMergeDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers('if-match') ifMatch?: string,
  ) {
    const command: CommitteeCommand = {
      type: 'MergeCommittees',
      data: { kommune: path.kommune, alias: body.alias, into: body.into, reason: body.reason ?? null },
    };
    return this.record(command, req, res, ifMatch);
  }

  @Post('splits')
  @Allow('admin')
  @ApiOperation({ summary: 'Undo a merge (admin): the alias is a committee of its own again. 400 when it is not merged' })
  split(
    @Param() path: KommunePath,
    @Body() body: CommitteeSplitDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers('if-match') ifMatch?: string,
  ) {
    const command: CommitteeCommand = {
      type: 'SplitCommittee',
      data: { kommune: path.kommune, alias: body.alias, reason: body.reason ?? null },
    };
    return this.record(command, req, res, ifMatch);
  }

  /** Resolved against the kommune's committees; answered as every write is (recordedResponse). */
  private async record(command: CommitteeCommand, req: Request, res: Response, ifMatch: string | undefined) {
    const context = recordContext(req, parseIfMatch(ifMatch));
    const committees = await this.queries.execute<ListCommittees, CommitteeSummary[]>(new ListCommittees(command.data.kommune));
    const known = registryOfCommittees(kommuneName(command.data.kommune), committees);
    const result = await this.commands.execute<RecordCommitteeChange, RecordResult>(new RecordCommitteeChange(command, known, context));
    return recordedResponse(result, res, this.projector);
  }
}
