import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { EventStore } from '@sagsspor/event-store';
import { EVENT_STORE } from '@sagsspor/recording';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** 200 when the event store answers; its error (503 problem+json) otherwise. */
  @Get()
  async health() {
    await this.store.ping();
    const head = await this.store.headPosition();
    return { status: 'ok', eventStore: { status: 'ok', headPosition: head.toString() } };
  }
}
