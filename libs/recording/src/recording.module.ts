import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { loadConfig } from '@sagsspor/config';
import { openEventStore, type EventStore } from '@sagsspor/event-store';
import { GetSagHistoryHandler } from './get-sag-history';
import { RecordTreatmentHandler } from './record-treatment';
import { RecordTreatmentsHandler } from './record-treatments';
import { EVENT_STORE } from './tokens';
import { VerifyAuditLogHandler } from './verify-audit-log';

class EventStoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/** The write side and the authoritative reads: the one path into the domain for api, cli and import. */
@Module({
  imports: [CqrsModule.forRoot()],
  providers: [
    { provide: EVENT_STORE, useFactory: () => openEventStore(loadConfig()) },
    EventStoreLifecycle,
    RecordTreatmentHandler,
    RecordTreatmentsHandler,
    GetSagHistoryHandler,
    VerifyAuditLogHandler,
  ],
  exports: [EVENT_STORE, CqrsModule],
})
export class RecordingModule {}
