import 'reflect-metadata';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  InvalidReadQueryError,
  ListCommittees,
  ProjectorService,
  READ_MODEL,
  ReadModelModule,
  registryOfCommittees,
  type CommitteeSummary,
  type ReadModelStore,
} from '@sagsspor/read-model';
import {
  GetCommitteeMerges,
  RecordCommitteeChange,
  RecordingModule,
  type CommitteeMergesRead,
  type RecordResult,
} from '@sagsspor/recording';
import { kommuneName, type CommitteeCommand } from '@sagsspor/sag';
import { checkFlags, requireFlag, stringFlag, UsageError, type ParsedArgs } from '../args';
import { cliRecordContext } from '../context';
import { printJson, say } from '../output';

export const committeesUsage = [
  'committees list --kommune <name> [--json]',
  '  committees merges --kommune <name> [--json]',
  '  committees merge --kommune <name> --alias <committee> --into <committee> [--reason <text>] [--json]',
  '  committees split --kommune <name> --alias <committee> [--reason <text>] [--json]',
].join('\n');

/** The write side and the read side: a merge is resolved against the kommune's committees. */
@Module({ imports: [RecordingModule, ReadModelModule.forRoot({ projector: 'never' })] })
export class CommitteesCliModule {}

async function withCommittees<T>(fn: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  const app = await NestFactory.createApplicationContext(CommitteesCliModule, { logger: false, abortOnError: false });
  try {
    // On the embedded store the model is first brought up to the log (the server may not be running).
    if (app.get<ReadModelStore>(READ_MODEL).kind === 'sqlite') await app.get(ProjectorService).catchUp();
    return await fn(app);
  } finally {
    await app.close();
  }
}

/** A kommune's committees, and an admin's merges and splits of their aliases (as the API's /committees routes). */
export async function committeesCommand(args: ParsedArgs): Promise<number> {
  const [sub, ...extra] = args.positionals;
  if (extra.length) throw new UsageError(`usage: ${committeesUsage}`);
  switch (sub) {
    case 'list':
      checkFlags(args, ['kommune', 'json']);
      return list(requireFlag(args, 'kommune'), args.flags.has('json'));
    case 'merges':
      checkFlags(args, ['kommune', 'json']);
      return merges(requireFlag(args, 'kommune'), args.flags.has('json'));
    case 'merge':
      checkFlags(args, ['kommune', 'alias', 'into', 'reason', 'json']);
      return change(args, {
        type: 'MergeCommittees',
        data: {
          kommune: requireFlag(args, 'kommune'),
          alias: requireFlag(args, 'alias'),
          into: requireFlag(args, 'into'),
          reason: stringFlag(args, 'reason') ?? null,
        },
      });
    case 'split':
      checkFlags(args, ['kommune', 'alias', 'reason', 'json']);
      return change(args, {
        type: 'SplitCommittee',
        data: { kommune: requireFlag(args, 'kommune'), alias: requireFlag(args, 'alias'), reason: stringFlag(args, 'reason') ?? null },
      });
    default:
      throw new UsageError(`usage: ${committeesUsage}`);
  }
}

async function list(kommune: string, json: boolean): Promise<number> {
  let items: CommitteeSummary[];
  try {
    items = await withCommittees((app) => app.get(QueryBus).execute<ListCommittees, CommitteeSummary[]>(new ListCommittees(kommune)));
  } catch (error) {
    if (error instanceof InvalidReadQueryError) throw new UsageError(error.detail);
    throw error;
  }
  if (json) printJson({ items });
  else
    process.stdout.write(
      items.length === 0
        ? 'no committees\n'
        : `${items.map((c) => `${c.committeeKey.padEnd(40)} ${c.committee}${c.period ? ` (${c.periods.join(', ')})` : ''}  ${c.meetings} meetings  aliases: ${c.aliases.join(', ')}`).join('\n')}\n`,
    );
  return 0;
}

async function merges(kommune: string, json: boolean): Promise<number> {
  const read = await withCommittees((app) =>
    app.get(QueryBus).execute<GetCommitteeMerges, CommitteeMergesRead>(new GetCommitteeMerges(kommune)),
  );
  const items = [...read.merges.into].map(([key, into]) => ({
    alias: read.merges.aliases.get(key) ?? { committee: key, committeeKey: key },
    into,
  }));
  if (json) printJson({ items });
  else
    process.stdout.write(
      items.length === 0 ? 'no merges\n' : `${items.map((m) => `${m.alias.committee}  →  ${m.into.committee}`).join('\n')}\n`,
    );
  return 0;
}

async function change(args: ParsedArgs, command: CommitteeCommand): Promise<number> {
  const context = { ...cliRecordContext(), source: { kind: 'cli' as const } };
  const result = await withCommittees(async (app) => {
    const committees = await app.get(QueryBus).execute<ListCommittees, CommitteeSummary[]>(new ListCommittees(command.data.kommune));
    const known = registryOfCommittees(kommuneName(command.data.kommune), committees);
    return app.get(CommandBus).execute<RecordCommitteeChange, RecordResult>(new RecordCommitteeChange(command, known, context));
  });
  if (args.flags.has('json')) printJson({ revision: result.revision, appended: result.appended, eventIds: result.eventIds });
  else
    say(
      result.appended > 0
        ? `${command.type === 'MergeCommittees' ? 'merged' : 'split'} (revision ${result.revision})`
        : 'already so: nothing recorded',
    );
  return 0;
}
