import { Module } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@sagsspor/event-store';
import { IntegrationEventMapper } from '@sagsspor/integration-events';
import { RecordingModule } from '@sagsspor/recording';
import { EventsController } from './events.controller';
import { SseConnections } from './sse-connections';
import { SSE_OPTIONS, sseOptionsFromEnv } from './sse-options';

/** Public integration events: the SSE stream, and the mapper webhooks share (one proposal directory per process). */
@Module({
  imports: [RecordingModule],
  controllers: [EventsController],
  providers: [
    { provide: IntegrationEventMapper, useFactory: (store: EventStore) => new IntegrationEventMapper(store), inject: [EVENT_STORE] },
    { provide: SSE_OPTIONS, useFactory: () => sseOptionsFromEnv() },
    SseConnections,
  ],
  exports: [IntegrationEventMapper],
})
export class EventsModule {}
