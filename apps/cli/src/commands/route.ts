import { QueryBus } from '@nestjs/cqrs';
import { redactHistoryWithRoute, redactSagSummary } from '@sagsspor/access';
import { InvalidCursorError, InvalidReadQueryError, ListSager, type Page, type SagSummary } from '@sagsspor/read-model';
import { GetSagHistory, type SagHistoryWithRoute } from '@sagsspor/recording';
import { pipelineEntryOf, type PipelineEntry, type RouteStop, type SagRoute } from '@sagsspor/sag';
import { checkFlags, requireFlag, stringFlag, UsageError, type ParsedArgs } from '../args';
import { withApp } from '../context';
import { printJson, say } from '../output';
import { cutOf } from './history';
import { withReadModel } from './sager';

export const routeUsage =
  'route <sagsnummer> --kommune <name> [--as-of YYYY-MM-DD] [--known-at <instant | position>] [--include-closed] [--json]';
export const pipelineUsage =
  'pipeline --kommune <name> --committee <name> [--stale P90D] [--limit <n>] [--cursor <c>] [--include-closed] [--json]';

/** Where a sag is on its route: folded from its stream, as GET /sager/{k}/{n} shows it. */
export async function routeCommand(args: ParsedArgs): Promise<number> {
  checkFlags(args, ['kommune', 'as-of', 'known-at', 'include-closed', 'json']);
  const [sagsnummer, ...extra] = args.positionals;
  if (!sagsnummer || extra.length) throw new UsageError(`usage: ${routeUsage}`);
  const sag = { kommune: requireFlag(args, 'kommune'), sagsnummer: sagsnummer.trim() };
  const cut = cutOf(args);
  const stored = await withApp((app) => app.get(QueryBus).execute<GetSagHistory, SagHistoryWithRoute>(new GetSagHistory(sag, cut)));
  const { route } = redactHistoryWithRoute(stored, args.flags.has('include-closed'));
  if (args.flags.has('json')) printJson(route);
  else process.stdout.write(renderRoute(`${stored.kommune} ${stored.sagsnummer}`, route));
  return 0;
}

/** The sager going to a committee next: the read model's ?next= filter. */
export async function pipelineCommand(args: ParsedArgs): Promise<number> {
  checkFlags(args, ['kommune', 'committee', 'stale', 'limit', 'cursor', 'include-closed', 'json']);
  if (args.positionals.length) throw new UsageError(`usage: ${pipelineUsage}`);
  const filter = {
    kommune: requireFlag(args, 'kommune'),
    next: requireFlag(args, 'committee'),
    closedAccess: args.flags.has('include-closed'),
    today: new Date().toISOString().slice(0, 10),
    ...(['stale', 'limit', 'cursor'] as const).reduce(
      (o, f) => ({ ...o, ...(stringFlag(args, f) ? { [f]: stringFlag(args, f) } : {}) }),
      {},
    ),
  };
  let page: Page<SagSummary>;
  try {
    page = await withReadModel((app) => app.get(QueryBus).execute<ListSager, Page<SagSummary>>(new ListSager(filter)), { catchUp: true });
  } catch (error) {
    if (error instanceof InvalidReadQueryError || error instanceof InvalidCursorError) throw new UsageError(error.detail);
    throw error;
  }
  const items = page.items.map((s) => pipelineEntryOf(redactSagSummary(s, args.flags.has('include-closed'))));
  if (args.flags.has('json')) printJson({ items, nextCursor: page.nextCursor });
  else {
    process.stdout.write(renderPipeline(items));
    if (page.nextCursor) say(`more: --cursor ${page.nextCursor}`);
  }
  return 0;
}

const name = (s: RouteStop | null): string => s?.committee ?? '-';

function renderRoute(what: string, r: SagRoute): string {
  const lines = [
    `${what}${r.final ? ' — decided for good' : ''}`,
    `planned:  ${r.via.map((s) => s.committee).join(' · ') || '(no route known)'}  →  ${name(r.decidingBody)}`,
    `now:      ${r.now ? `${r.now.committee} (${r.now.date})` : '-'}`,
    `next:     ${name(r.next)}`,
    ...(r.pending.length ? [`pending:  ${r.pending.map((s) => s.committee).join(', ')}`] : []),
    ...(r.extra.length ? [`extra:    ${r.extra.map((s) => s.committee).join(', ')}`] : []),
    ...(r.skipped.length ? [`skipped:  ${r.skipped.map((s) => s.committee).join(', ')}`] : []),
    '',
    ...r.visited.map(
      (v) => `${v.date}  ${v.committee}${v.item === null ? '' : ` punkt ${v.item}`}  ${v.kind}${v.outcome ? `: ${v.outcome}` : ''}`,
    ),
    ...r.sources.map((s) => `source:   ${s.kind}${s.document ? ` ${s.document}${s.line ? `:${s.line}` : ''}` : ''} "${s.text}"`),
  ];
  return `${lines.join('\n')}\n`;
}

function renderPipeline(items: readonly PipelineEntry[]): string {
  if (items.length === 0) return 'no sager waiting\n';
  return `${items.map((e) => `${e.since}  ${e.sagsnummer.padEnd(18)} from ${name(e.from)}: ${e.title ?? '(untitled)'}`).join('\n')}\n`;
}
