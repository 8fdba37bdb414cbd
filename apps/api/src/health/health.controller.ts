import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { EventStore } from '@sagsspor/event-store';
import { ProjectionMonitor, type ProjectionStatus } from '@sagsspor/read-model';
import { EVENT_STORE } from '@sagsspor/recording';
import { Public } from '../auth/allow.decorator';

@ApiTags('health')
@Public()
// Probes must see the server's health, not the rate limit of the address they share with clients.
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() private readonly projections?: ProjectionMonitor,
  ) {}

  /** 200 when the event store answers; its error (503 problem+json) otherwise. */
  @Get()
  async health() {
    await this.store.ping();
    const head = await this.store.headPosition();
    return { status: 'ok', eventStore: { status: 'ok', headPosition: head.toString() }, projections: await this.projectionLag() };
  }

  /** Lag of the read models behind the log; a read-model outage is reported here, not as a failed health check. */
  private async projectionLag(): Promise<Record<string, ProjectionStatus | { status: 'unavailable'; detail: string }>> {
    if (!this.projections) return {};
    try {
      const status = await this.projections.status();
      return { [status.projection]: status };
    } catch (error) {
      return { 'sag-read-model': { status: 'unavailable', detail: error instanceof Error ? error.message : String(error) } };
    }
  }
}
