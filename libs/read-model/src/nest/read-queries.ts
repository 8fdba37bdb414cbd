import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { CommitteeSummary, DecisionEntry, Meeting, Page, SagSummary } from '../model';
import type { ReadModelStore } from '../port';
import {
  kommune,
  parseDecisionsQuery,
  parseMeetingsQuery,
  parseSagerQuery,
  type DecisionsFilter,
  type MeetingsFilter,
  type SagerFilter,
} from '../queries';
import { READ_MODEL } from './tokens';

export class ListSager {
  constructor(readonly filter: SagerFilter) {}
}

@QueryHandler(ListSager)
export class ListSagerHandler implements IQueryHandler<ListSager, Page<SagSummary>> {
  constructor(@Inject(READ_MODEL) private readonly model: ReadModelStore) {}

  execute({ filter }: ListSager): Promise<Page<SagSummary>> {
    return this.model.listSager(parseSagerQuery(filter));
  }
}

export class ListCommittees {
  constructor(readonly kommune: string) {}
}

@QueryHandler(ListCommittees)
export class ListCommitteesHandler implements IQueryHandler<ListCommittees, CommitteeSummary[]> {
  constructor(@Inject(READ_MODEL) private readonly model: ReadModelStore) {}

  execute(query: ListCommittees): Promise<CommitteeSummary[]> {
    return this.model.listCommittees(kommune(query.kommune));
  }
}

export class ListMeetings {
  constructor(readonly filter: MeetingsFilter) {}
}

@QueryHandler(ListMeetings)
export class ListMeetingsHandler implements IQueryHandler<ListMeetings, Page<Meeting>> {
  constructor(@Inject(READ_MODEL) private readonly model: ReadModelStore) {}

  execute({ filter }: ListMeetings): Promise<Page<Meeting>> {
    return this.model.listMeetings(parseMeetingsQuery(filter));
  }
}

export class ListDecisions {
  constructor(readonly filter: DecisionsFilter) {}
}

@QueryHandler(ListDecisions)
export class ListDecisionsHandler implements IQueryHandler<ListDecisions, Page<DecisionEntry>> {
  constructor(@Inject(READ_MODEL) private readonly model: ReadModelStore) {}

  execute({ filter }: ListDecisions): Promise<Page<DecisionEntry>> {
    return this.model.listDecisions(parseDecisionsQuery(filter));
  }
}
