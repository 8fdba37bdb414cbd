import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { verifyEventLog, type VerifyReport } from '@sagsspor/audit';
import { EVENT_STORE, type EventStore } from '@sagsspor/event-store';

/** Checks the tamper-evidence chain of every stream in the log. */
export class VerifyAuditLog {}

@QueryHandler(VerifyAuditLog)
export class VerifyAuditLogHandler implements IQueryHandler<VerifyAuditLog, VerifyReport> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute(): Promise<VerifyReport> {
    return verifyEventLog(this.store);
  }
}
