import { Body, Controller, Get, Headers, Optional, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  GetSagChanges,
  RecordCorrection,
  RecordSagRoute,
  RecordTreatment,
  type RecordResult,
  type SagChanges,
  type SagHistoryWithRoute,
} from '@sagsspor/recording';
import { parseKnownAt } from '@sagsspor/audit';
import { InvalidInputError } from '@sagsspor/kernel';
import { redactHistoryWithRoute } from '@sagsspor/access';
import { knownCommittee, registryOfNames, type CorrectTreatment, type RecordRoute, type SagCommand } from '@sagsspor/sag';
import { ListCommittees, ProjectorService, type CommitteeSummary } from '@sagsspor/read-model';
import { cutOf, HistoryQueryDto } from '../audit/history-query.dto';
import { Allow } from '../auth/allow.decorator';
import { closedAccess, requireRole } from '../auth/request-principal';
import { redactConflict } from '../auth/redact-conflict';
import { etagOf, parseIfMatch } from '../http/etag';
import { recordContext } from '../http/request-context';
import { recordedResponse } from '../http/recorded';
import { currentHistory, historyAtCut } from '../read/current-history';
import { CorrectionDto } from './dto/correction.dto';
import { RouteDto } from './dto/route.dto';
import { DecideDto, GenoptagDto, ProposeDto, RecommendDto } from './dto/treatment.dto';
import { SagPath } from './dto/sag-path.dto';
import { toDecide, toGenoptag, toPropose, toRecommend } from './to-command';

@ApiTags('sager')
@Controller('sager/:kommune/:sagsnummer')
export class SagerController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Optional() private readonly projector?: ProjectorService,
  ) {}

  /**
   * Always folded from the sag's stream: it is short and indexed, never stale
   * (a writer reads its write), and a projected copy would only repeat the log.
   * The ETag is the revision of the last event known at the cut: with knownAt, an earlier revision.
   */
  @Get()
  @Allow('reader')
  @ApiOperation({
    summary: "A sag's history across committees, folded from its event stream, optionally as of a meeting date and/or as known at a time",
  })
  async history(
    @Param() path: SagPath,
    @Query() query: HistoryQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SagHistoryWithRoute> {
    // Time travel shows what was later corrected or superseded: an auditor's tool.
    if (query.asOf !== undefined || query.knownAt !== undefined) requireRole(req, 'auditor', 'asOf and knownAt');
    const history = await historyAtCut(this.queries, path, cutOf(query));
    res.setHeader('ETag', etagOf(history.revision));
    return redactHistoryWithRoute(history, closedAccess(req));
  }

  /**
   * A clerk sets the route: committees by name, key or abbreviation, each
   * resolved against the kommune's committees (an unknown or ambiguous one
   * is refused, nothing recorded). The same route again records nothing (200).
   */
  @Put('route')
  @Allow('clerk')
  @ApiOperation({
    summary: "Set the sag's route: the planned committees in printed order and the deciding body; a new version, history kept",
  })
  async route(
    @Param() path: SagPath,
    @Body() body: RouteDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers('if-match') ifMatch?: string,
  ) {
    const context = recordContext(req, parseIfMatch(ifMatch));
    // The kommune's committees, and every body the sag itself names (a deciding body that has not met yet).
    const history = await currentHistory(this.queries, path);
    const committees = await this.queries.execute<ListCommittees, CommitteeSummary[]>(new ListCommittees(path.kommune));
    const names = [
      ...committees.flatMap((c) => [c.committee, ...c.aliases]),
      ...history.timeline.flatMap((e) => [e.committee, e.recommendedTo ?? '']),
      ...[...history.route.via, ...history.route.decidingBodies].map((s) => s.committee),
    ];
    const registry = registryOfNames(path.kommune, names);
    const stop = (name: string) => knownCommittee(registry, name);
    const command: RecordRoute = {
      type: 'RecordRoute',
      data: {
        sag: path,
        via: body.via.map(stop),
        decidingBodies: body.decidingBody ? [stop(body.decidingBody)] : [],
        sources: [{ kind: 'clerk', text: body.reason ?? 'Set through the API', document: null, line: null }],
        effectiveDate: context.recordedAt.slice(0, 10),
      },
    };
    const result = await this.commands.execute<RecordSagRoute, RecordResult>(new RecordSagRoute(command, context));
    return this.recorded(result, res);
  }

  @Post('proposals')
  @Allow('clerk')
  @ApiOperation({ summary: 'Record that the sag is proposed to a committee at a meeting' })
  propose(
    @Param() path: SagPath,
    @Body() body: ProposeDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers('if-match') ifMatch?: string,
  ) {
    return this.record(toPropose(path, body), req, res, ifMatch);
  }

  @Post('recommendations')
  @Allow('clerk')
  @ApiOperation({ summary: 'Record that a committee recommends the sag to another body' })
  recommend(
    @Param() path: SagPath,
    @Body() body: RecommendDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers('if-match') ifMatch?: string,
  ) {
    return this.record(toRecommend(path, body), req, res, ifMatch);
  }

  @Post('decisions')
  @Allow('clerk')
  @ApiOperation({ summary: "Record a committee's decision on the sag" })
  decide(
    @Param() path: SagPath,
    @Body() body: DecideDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers('if-match') ifMatch?: string,
  ) {
    return this.record(toDecide(path, body), req, res, ifMatch);
  }

  @Post('genoptagelser')
  @Allow('clerk')
  @ApiOperation({ summary: 'Record that a postponed treatment is taken up again' })
  genoptag(
    @Param() path: SagPath,
    @Body() body: GenoptagDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers('if-match') ifMatch?: string,
  ) {
    return this.record(toGenoptag(path, body), req, res, ifMatch);
  }

  /**
   * A clerk's correction of one current record (named by its event id): the
   * recorded version stays in the history. If-Match is required: a correction
   * is made against the version the clerk read, never blindly.
   */
  @Post('corrections')
  @Allow('clerk')
  @ApiOperation({ summary: 'Correct a recorded treatment (If-Match required); the earlier version stays in the history' })
  async correct(
    @Param() path: SagPath,
    @Body() body: CorrectionDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers('if-match') ifMatch?: string,
  ) {
    const expected = ifMatch === undefined || ifMatch.trim() === '*' ? undefined : parseIfMatch(ifMatch);
    if (expected === undefined) {
      throw new InvalidInputError('If-Match is required: send the ETag of the sag as you read it (GET /sager/{kommune}/{sagsnummer}).');
    }
    const context = recordContext(req, expected);
    const command: CorrectTreatment = {
      type: 'CorrectTreatment',
      closedAccess: closedAccess(req),
      data: {
        sag: { kommune: path.kommune, sagsnummer: path.sagsnummer },
        corrects: body.corrects,
        changes: body.changes,
        correction: { reason: body.reason, source: { kind: 'clerk', clerk: context.recordedBy } },
      },
    };
    const result = await this.commands.execute<RecordCorrection, RecordResult>(new RecordCorrection(command, context));
    return this.recorded(result, res);
  }

  /** What changed on the sag after a point in record time, each change with before and after: an auditor's tool. */
  @Get('changes')
  @Allow('auditor')
  @ApiOperation({ summary: 'Changes to the sag recorded after `since` (a global position or an ISO instant), with before/after' })
  async changes(@Param() path: SagPath, @Query('since') since: unknown): Promise<SagChanges & { since: string }> {
    if (typeof since !== 'string')
      throw new InvalidInputError('since is required, once: a global position or an ISO 8601 instant with a time zone.');
    const cut = parseKnownAt(since.replace(/ (\d{2}:\d{2})$/, '+$1'));
    const found = await this.queries.execute<GetSagChanges, SagChanges>(
      new GetSagChanges({ kommune: path.kommune, sagsnummer: path.sagsnummer }, cut),
    );
    return { ...found, since };
  }

  /** A treatment step, with the caller's access (a closed record's conflict is not shown to one without it); answered by recordedResponse. */
  private async record(attempt: SagCommand, req: Request, res: Response, ifMatch: string | undefined) {
    const context = recordContext(req, parseIfMatch(ifMatch));
    const command: SagCommand = { ...attempt, closedAccess: closedAccess(req) };
    const result = await this.commands
      .execute<RecordTreatment, RecordResult>(new RecordTreatment(command, context))
      .catch((error: unknown) => redactConflict(error, closedAccess(req)));
    return this.recorded(result, res);
  }

  private recorded(result: RecordResult, res: Response) {
    return recordedResponse(result, res, this.projector);
  }
}
