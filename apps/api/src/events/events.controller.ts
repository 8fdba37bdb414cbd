import { Controller, Get, Headers, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { EVENT_STORE, type EventStore } from '@sagsspor/event-store';
import { IntegrationEventMapper } from '@sagsspor/integration-events';
import { Allow } from '../auth/allow.decorator';
import { closedAccess } from '../auth/request-principal';
import { SseConnections } from './sse-connections';
import { SSE_OPTIONS, type SseOptions } from './sse-options';
import { parseSseRequest } from './sse-query';
import { streamEvents } from './sse-stream';

@ApiTags('events')
@Controller('events')
export class EventsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly mapper: IntegrationEventMapper,
    private readonly connections: SseConnections,
    @Inject(SSE_OPTIONS) private readonly options: SseOptions,
  ) {}

  @Get()
  @Allow('reader')
  @ApiOperation({ summary: 'Server-sent CloudEvents: catch-up after Last-Event-ID (or ?after=), then live; id = global position' })
  @ApiProduces('text/event-stream')
  @ApiQuery({ name: 'types', required: false, description: 'Comma-separated CloudEvent types, e.g. dk.sagsspor.sag.decided.v1' })
  @ApiQuery({ name: 'kommune', required: false, description: 'Comma-separated kommune names' })
  @ApiQuery({ name: 'committee', required: false, description: 'A committee name; repeat the parameter for more' })
  @ApiQuery({ name: 'after', required: false, description: 'Start after this position; from now on when absent' })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Wins over ?after=' })
  async stream(
    @Query() query: Record<string, unknown>,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const request = parseSseRequest(query, lastEventId);
    await streamEvents(res, request, {
      store: this.store,
      mapper: this.mapper,
      options: this.options,
      closedAccess: closedAccess(req),
      register: (close) => this.connections.add(close),
    });
  }
}
