import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@sagsspor/event-store';
import { canonicalKey, committeeStreamName, mergesOfStream, type CommitteeMerges } from '@sagsspor/sag';
import { committeeResolver, needsRegistry, registryOfCommittees, type ResolveCommittee } from '../committee-resolver';
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

/**
 * A kommune's committees as queries name them: its merges (read from its
 * committee stream, so a merge shows at once) and, for an abbreviation, the
 * registry of its committees. One place for every query handler.
 */
@Injectable()
export class CommitteeLookup {
  constructor(
    @Inject(READ_MODEL) private readonly model: ReadModelStore,
    @Inject(EVENT_STORE) private readonly log: EventStore,
  ) {}

  async merges(kommuneName: string): Promise<CommitteeMerges> {
    return mergesOfStream(await this.log.readStream(committeeStreamName(kommuneName)));
  }

  /** Resolves committee names, keys and abbreviations of one kommune; reads its committees only when an abbreviation needs them. */
  async resolver(kommuneName: string, ...texts: readonly unknown[]): Promise<ResolveCommittee> {
    const merges = await this.merges(kommuneName);
    const registry = needsRegistry(...texts)
      ? registryOfCommittees(kommuneName, await this.model.listCommittees(kommune(kommuneName), merges))
      : null;
    return committeeResolver(merges, registry);
  }
}

export class ListSager {
  constructor(readonly filter: SagerFilter) {}
}

@QueryHandler(ListSager)
export class ListSagerHandler implements IQueryHandler<ListSager, Page<SagSummary>> {
  constructor(
    @Inject(READ_MODEL) private readonly model: ReadModelStore,
    private readonly committees: CommitteeLookup,
  ) {}

  async execute({ filter }: ListSager): Promise<Page<SagSummary>> {
    const resolve = filter.committee === undefined && filter.next === undefined ? undefined : await this.resolverFor(filter);
    return this.model.listSager(parseSagerQuery(filter, resolve));
  }

  private resolverFor(filter: SagerFilter): Promise<ResolveCommittee> {
    return this.committees.resolver(kommune(filter.kommune), filter.committee, filter.next);
  }
}

export class ListCommittees {
  constructor(readonly kommune: string) {}
}

@QueryHandler(ListCommittees)
export class ListCommitteesHandler implements IQueryHandler<ListCommittees, CommitteeSummary[]> {
  constructor(
    @Inject(READ_MODEL) private readonly model: ReadModelStore,
    private readonly committees: CommitteeLookup,
  ) {}

  async execute(query: ListCommittees): Promise<CommitteeSummary[]> {
    const key = kommune(query.kommune);
    return this.model.listCommittees(key, await this.committees.merges(key));
  }
}

/** A committee of a kommune by name, key or abbreviation (the registry's rule, through its merges); null when none. */
export class FindCommittee {
  constructor(
    readonly kommune: string,
    readonly name: string,
  ) {}
}

@QueryHandler(FindCommittee)
export class FindCommitteeHandler implements IQueryHandler<FindCommittee, CommitteeSummary | null> {
  constructor(
    @Inject(READ_MODEL) private readonly model: ReadModelStore,
    private readonly committees: CommitteeLookup,
  ) {}

  async execute(query: FindCommittee): Promise<CommitteeSummary | null> {
    const key = kommune(query.kommune);
    const merges = await this.committees.merges(key);
    const all = await this.model.listCommittees(key, merges);
    const { key: found } = committeeResolver(merges, registryOfCommittees(key, all))(query.name, 'committee');
    return all.find((c) => c.committeeKey === found) ?? null;
  }
}

export class ListMeetings {
  constructor(readonly filter: MeetingsFilter) {}
}

@QueryHandler(ListMeetings)
export class ListMeetingsHandler implements IQueryHandler<ListMeetings, Page<Meeting>> {
  constructor(
    @Inject(READ_MODEL) private readonly model: ReadModelStore,
    private readonly committees: CommitteeLookup,
  ) {}

  async execute({ filter }: ListMeetings): Promise<Page<Meeting>> {
    const resolve = await this.committees.resolver(kommune(filter.kommune), filter.committee);
    return this.model.listMeetings(parseMeetingsQuery(filter, resolve));
  }
}

export class ListDecisions {
  constructor(readonly filter: DecisionsFilter) {}
}

@QueryHandler(ListDecisions)
export class ListDecisionsHandler implements IQueryHandler<ListDecisions, Page<DecisionEntry>> {
  constructor(
    @Inject(READ_MODEL) private readonly model: ReadModelStore,
    private readonly committees: CommitteeLookup,
  ) {}

  /** Entries name their committee by its key, whichever of its keys (a merged alias's) they were stored by. */
  async execute({ filter }: ListDecisions): Promise<Page<DecisionEntry>> {
    const key = kommune(filter.kommune);
    const [merges, resolve] = await Promise.all([this.committees.merges(key), this.committees.resolver(key, filter.committee)]);
    const found = await this.model.listDecisions(parseDecisionsQuery(filter, resolve));
    return { ...found, items: found.items.map((d) => ({ ...d, committeeKey: canonicalKey(merges, d.committeeKey) })) };
  }
}
