import { Inject } from '@nestjs/common';
import { CommandHandler, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import { GENESIS_HASH } from '@sagsspor/audit';
import { EVENT_STORE, WrongExpectedRevisionError, type EventStore } from '@sagsspor/event-store';
import {
  committeeEventIdOf,
  committeeStreamName,
  decideCommittees,
  mergesOfStream,
  type CommitteeCommand,
  type CommitteeMerges,
  type CommitteeRegistry,
} from '@sagsspor/sag';
import type { RecordContext } from './record-context';
import { chainedEvents, type RecordResult } from './sag-stream';

/**
 * An admin's merge or split of committee aliases: load the kommune's
 * committee stream, fold its merges, decide, append with the expected
 * revision. No sag stream is touched. `known`: the kommune's committees
 * (every name each was printed with), for resolving the names given.
 */
export class RecordCommitteeChange {
  constructor(
    readonly command: CommitteeCommand,
    readonly known: CommitteeRegistry,
    readonly context: RecordContext,
  ) {}
}

@CommandHandler(RecordCommitteeChange)
export class RecordCommitteeChangeHandler implements ICommandHandler<RecordCommitteeChange, RecordResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ command, known, context }: RecordCommitteeChange): Promise<RecordResult> {
    const streamName = committeeStreamName(command.data.kommune);
    const recorded = await this.store.readStream(streamName);
    const last = recorded[recorded.length - 1];
    const revision = last ? last.revision : -1;
    if (context.expectedRevision !== undefined && context.expectedRevision !== revision) {
      throw new WrongExpectedRevisionError(streamName, String(context.expectedRevision), revision < 0 ? 'none' : revision);
    }
    const events = decideCommittees(command, mergesOfStream(recorded), known);
    if (events.length === 0) return { appended: 0, revision, eventIds: [], position: null };
    const stream = { streamName, revision, lastHash: (last?.metadata.hash as string | undefined) ?? GENESIS_HASH };
    const newEvents = chainedEvents(
      stream,
      events.map((e, i) => ({ type: e.type, data: { ...e.data }, eventId: committeeEventIdOf(streamName, recorded.length + i) })),
      context,
    );
    const result = await this.store.append(streamName, newEvents, revision < 0 ? 'no_stream' : revision);
    return {
      appended: events.length,
      revision: result.nextRevision,
      eventIds: newEvents.map((e) => e.metadata.eventId),
      position: result.position.toString(),
    };
  }
}

/** A kommune's committee merges in force, with the revision of its committee stream (the ETag of a merge list). */
export class GetCommitteeMerges {
  constructor(readonly kommune: string) {}
}

export interface CommitteeMergesRead {
  readonly merges: CommitteeMerges;
  readonly revision: number;
}

@QueryHandler(GetCommitteeMerges)
export class GetCommitteeMergesHandler implements IQueryHandler<GetCommitteeMerges, CommitteeMergesRead> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ kommune }: GetCommitteeMerges): Promise<CommitteeMergesRead> {
    const recorded = await this.store.readStream(committeeStreamName(kommune));
    return { merges: mergesOfStream(recorded), revision: recorded[recorded.length - 1]?.revision ?? -1 };
  }
}
