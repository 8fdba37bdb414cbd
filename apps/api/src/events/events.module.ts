import { Module } from '@nestjs/common';
import { checkpointExtension, LatestCheckpoint } from '@sagsspor/audit';
import type { EventStore } from '@sagsspor/event-store';
import { IntegrationEventMapper } from '@sagsspor/integration-events';
import { EVENT_STORE, RecordingModule } from '@sagsspor/recording';
import { CheckpointsModule } from '../audit/checkpoints.module';
import { EventsController } from './events.controller';
import { SseConnections } from './sse-connections';
import { SSE_OPTIONS, sseOptionsFromEnv } from './sse-options';

/** Public integration events: the SSE stream, and the mapper webhooks share (one proposal directory per process). */
@Module({
  imports: [RecordingModule, CheckpointsModule],
  controllers: [EventsController],
  providers: [
    {
      provide: IntegrationEventMapper,
      inject: [EVENT_STORE, LatestCheckpoint],
      useFactory: (store: EventStore, latest: LatestCheckpoint) =>
        new IntegrationEventMapper(store, undefined, () => {
          const checkpoint = latest.get();
          return checkpoint && checkpointExtension(checkpoint);
        }),
    },
    { provide: SSE_OPTIONS, useFactory: () => sseOptionsFromEnv() },
    SseConnections,
  ],
  exports: [IntegrationEventMapper],
})
export class EventsModule {}
