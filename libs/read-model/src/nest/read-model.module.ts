import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventStoreModule } from '@sagsspor/event-store';
import { openReadModel } from '../open-read-model';
import { ProjectionMetrics } from './projection-metrics';
import { ProjectionMonitor } from './projection-monitor';
import { ProjectorService } from './projector.service';
import {
  CommitteeLookup,
  FindCommitteeHandler,
  ListCommitteesHandler,
  ListDecisionsHandler,
  ListMeetingsHandler,
  ListSagerHandler,
} from './read-queries';
import { READ_MODEL, READ_MODEL_OPTIONS, type ReadModelModuleOptions } from './tokens';

/**
 * The read side: the configured read-model store (MONGODB_URL → MongoDB, else
 * embedded SQLite), its query handlers, the projector and its lag. Builds on
 * the event store (EventStoreModule) and the CQRS buses; nothing of the write side.
 */
@Module({})
export class ReadModelModule {
  static forRoot(options: ReadModelModuleOptions = {}): DynamicModule {
    return {
      module: ReadModelModule,
      imports: [CqrsModule.forRoot(), EventStoreModule],
      providers: [
        { provide: READ_MODEL_OPTIONS, useValue: options },
        { provide: READ_MODEL, useFactory: () => openReadModel() },
        ProjectorService,
        ProjectionMonitor,
        ProjectionMetrics,
        CommitteeLookup,
        ListSagerHandler,
        ListCommitteesHandler,
        FindCommitteeHandler,
        ListMeetingsHandler,
        ListDecisionsHandler,
      ],
      exports: [READ_MODEL, ProjectorService, ProjectionMonitor, CommitteeLookup],
    };
  }
}
