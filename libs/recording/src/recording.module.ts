import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { loadConfig } from '@sagsspor/config';
import { openEventStore, type EventStore } from '@sagsspor/event-store';
import { SAG_STREAM_PREFIX } from '@sagsspor/sag';
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
    // On a shared EventStoreDB, $all is read as the sag streams only (other applications' streams are not ours).
    { provide: EVENT_STORE, useFactory: () => openEventStore({ ...loadConfig(), streamPrefix: SAG_STREAM_PREFIX }) },
    EventStoreLifecycle,
    RecordTreatmentHandler,
    RecordTreatmentsHandler,
    GetSagHistoryHandler,
    VerifyAuditLogHandler,
  ],
  exports: [EVENT_STORE, CqrsModule],
})
export class RecordingModule {}
