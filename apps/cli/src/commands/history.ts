import { QueryBus } from '@nestjs/cqrs';
import { GetSagHistory } from '@sagsspor/recording';
import type { SagHistory, TimelineEntry } from '@sagsspor/sag';
import { checkFlags, requireFlag, UsageError, type ParsedArgs } from '../args';
import { withApp } from '../context';
import { printJson } from '../output';

export const historyUsage = 'history <sagsnummer> --kommune <name> [--json]';

export async function historyCommand(args: ParsedArgs): Promise<number> {
  checkFlags(args, ['kommune', 'json']);
  const [sagsnummer, ...extra] = args.positionals;
  if (!sagsnummer || extra.length) throw new UsageError(`usage: ${historyUsage}`);
  const sag = { kommune: requireFlag(args, 'kommune'), sagsnummer: sagsnummer.trim() };
  const history = await withApp((app) => app.get(QueryBus).execute<GetSagHistory, SagHistory>(new GetSagHistory(sag)));
  if (args.flags.has('json')) printJson(history);
  else process.stdout.write(renderHistory(history));
  return 0;
}

function renderHistory(h: SagHistory): string {
  const head = `${h.kommune} ${h.sagsnummer}: ${h.title ?? '(untitled)'}\nstatus ${h.status}, revision ${h.revision}\n\n`;
  return head + h.timeline.map(renderEntry).join('\n') + '\n';
}

function renderEntry(e: TimelineEntry): string {
  const what =
    e.kind === 'decided' ? `decided: ${e.outcome}` : e.kind === 'recommended' ? `recommended to ${e.recommendedTo}` : e.kind;
  const item = e.item === null ? '' : ` punkt ${e.item}`;
  return `${e.date}  ${e.committee}${item}\n            ${what} — ${oneLine(e.text)}`;
}

const oneLine = (s: string): string => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > 100 ? `${flat.slice(0, 97)}...` : flat;
};
