import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventStoreModule } from '@sagsspor/event-store';
import { GetSagHistoryHandler } from './get-sag-history';
import { RecordSagRouteHandler } from './record-route';
import { GetCommitteeMergesHandler, RecordCommitteeChangeHandler } from './record-committees';
import { GetSagChangesHandler, RecordCorrectionHandler } from './record-correction';
import { RecordTreatmentHandler } from './record-treatment';
import { VerifyAuditLogHandler } from './verify-audit-log';

/** The write side and the authoritative reads: the one path into the domain for api, cli and import. */
@Module({
  imports: [CqrsModule.forRoot(), EventStoreModule],
  providers: [
    RecordTreatmentHandler,
    RecordSagRouteHandler,
    RecordCorrectionHandler,
    RecordCommitteeChangeHandler,
    GetCommitteeMergesHandler,
    GetSagHistoryHandler,
    GetSagChangesHandler,
    VerifyAuditLogHandler,
  ],
  exports: [EventStoreModule, CqrsModule],
})
export class RecordingModule {}
