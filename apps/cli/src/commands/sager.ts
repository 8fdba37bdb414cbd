import 'reflect-metadata';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { QueryBus } from '@nestjs/cqrs';
import {
  InvalidCursorError,
  InvalidReadQueryError,
  ListSager,
  ProjectorService,
  READ_MODEL,
  ReadModelModule,
  type Page,
  type ReadModelStore,
  type SagSummary,
} from '@sagsspor/read-model';
import { redactSagerPage } from '@sagsspor/access';
import { checkFlags, requireFlag, stringFlag, UsageError, type ParsedArgs } from '../args';
import { printJson, say } from '../output';

export const sagerUsage =
  'sager --kommune <name> [--committee <name>] [--status <status>] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--q <text>] [--limit <n>] [--cursor <c>] [--include-closed] [--json]';

/** The read side for one-shot commands: no projector of its own running in the background. */
@Module({ imports: [ReadModelModule.forRoot({ projector: 'never' })] })
export class ReadCliModule {}

/**
 * Runs fn with the read model. On the embedded store the CLI first applies
 * whatever the log holds beyond the model's checkpoint (the server may not be
 * running), so the answer reflects every recorded treatment; with MongoDB,
 * apps/projector keeps the model current and the CLI only reads.
 */
export async function withReadModel<T>(fn: (app: INestApplicationContext) => Promise<T>, options: { catchUp: boolean }): Promise<T> {
  const app = await NestFactory.createApplicationContext(ReadCliModule, { logger: false, abortOnError: false });
  try {
    if (options.catchUp && app.get<ReadModelStore>(READ_MODEL).kind === 'sqlite') await app.get(ProjectorService).catchUp();
    return await fn(app);
  } finally {
    await app.close();
  }
}

export async function sagerCommand(args: ParsedArgs): Promise<number> {
  checkFlags(args, ['kommune', 'committee', 'status', 'from', 'to', 'q', 'limit', 'cursor', 'include-closed', 'json']);
  if (args.positionals.length) throw new UsageError(`usage: ${sagerUsage}`);
  const closedAccess = args.flags.has('include-closed');
  const filter = {
    kommune: requireFlag(args, 'kommune'),
    closedAccess,
    ...optional(args, 'committee'),
    ...optional(args, 'status'),
    ...optional(args, 'from'),
    ...optional(args, 'to'),
    ...optional(args, 'q'),
    ...optional(args, 'limit'),
    ...optional(args, 'cursor'),
  };
  let stored: Page<SagSummary>;
  try {
    stored = await withReadModel((app) => app.get(QueryBus).execute<ListSager, Page<SagSummary>>(new ListSager(filter)), { catchUp: true });
  } catch (error) {
    // A bad filter is a usage mistake (exit 2), as for the other commands.
    if (error instanceof InvalidReadQueryError || error instanceof InvalidCursorError) throw new UsageError(error.detail);
    throw error;
  }
  const page = redactSagerPage(stored, closedAccess);
  if (args.flags.has('json')) printJson(page);
  else {
    process.stdout.write(renderSager(page.items));
    if (page.nextCursor) say(`more: --cursor ${page.nextCursor}`);
  }
  return 0;
}

function optional(args: ParsedArgs, name: string): Record<string, string> {
  const value = stringFlag(args, name);
  if (args.flags.has(name) && value === undefined) throw new UsageError(`--${name} needs a value`);
  return value === undefined ? {} : { [name]: value };
}

function renderSager(items: readonly SagSummary[]): string {
  if (items.length === 0) return 'no sager\n';
  return (
    items
      .map((s) => {
        const next = s.recommendedTo ? ` → ${s.recommendedTo}` : '';
        const closed = s.access === 'closed' ? ' [lukket]' : '';
        return `${s.lastDate}  ${s.sagsnummer.padEnd(18)} ${s.status.padEnd(11)} ${s.title ?? '(untitled)'}${closed}\n            ${s.lastCommittee}${next}`;
      })
      .join('\n') + '\n'
  );
}
