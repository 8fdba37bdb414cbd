import { QueryBus } from '@nestjs/cqrs';
import { InvalidCutError, parseCut, type HistoryCut, type SagHistoryAt } from '@sagsspor/audit';
import { redactHistory } from '@sagsspor/access';
import { GetSagHistory } from '@sagsspor/recording';
import type { TimelineEntry, Votes } from '@sagsspor/sag';
import { checkFlags, requireFlag, stringFlag, UsageError, type ParsedArgs } from '../args';
import { withApp } from '../context';
import { printJson } from '../output';

export const historyUsage =
  'history <sagsnummer> --kommune <name> [--as-of YYYY-MM-DD] [--known-at <ISO instant with zone | global position>] [--include-closed] [--json]';

export async function historyCommand(args: ParsedArgs): Promise<number> {
  checkFlags(args, ['kommune', 'as-of', 'known-at', 'include-closed', 'json']);
  const [sagsnummer, ...extra] = args.positionals;
  if (!sagsnummer || extra.length) throw new UsageError(`usage: ${historyUsage}`);
  const sag = { kommune: requireFlag(args, 'kommune'), sagsnummer: sagsnummer.trim() };
  const cut = cutOf(args);
  const stored = await withApp((app) => app.get(QueryBus).execute<GetSagHistory, SagHistoryAt>(new GetSagHistory(sag, cut)));
  // Whoever runs the CLI can open the store anyway; the flag keeps closed content off screens and logs by default.
  const history = redactHistory(stored, args.flags.has('include-closed'));
  if (args.flags.has('json')) printJson(history);
  else process.stdout.write(renderHistory(history));
  return 0;
}

/** A malformed cut is a usage mistake (exit 2), checked before the store is opened. */
export function cutOf(args: ParsedArgs): HistoryCut {
  try {
    return parseCut({ asOf: stringFlag(args, 'as-of'), knownAt: stringFlag(args, 'known-at') });
  } catch (error: unknown) {
    if (error instanceof InvalidCutError)
      throw new UsageError(`--${error.extensions.parameter === 'asOf' ? 'as-of' : 'known-at'}: ${error.detail}`);
    throw error;
  }
}

function renderHistory(h: SagHistoryAt): string {
  const cut = [h.asOf && `as of ${h.asOf}`, h.knownAt && `as known at ${h.knownAt}`].filter(Boolean).join(', ');
  const head = `${h.kommune} ${h.sagsnummer}: ${h.title ?? '(untitled)'}\nstatus ${h.status}, revision ${h.revision}${cut ? ` (${cut})` : ''}\n\n`;
  const quality = h.quality.map((q) => `  ${q.document}${q.line === null ? '' : `:${q.line}`}: ${q.message}`);
  const notes = quality.length > 0 ? `\ndata quality (inferred rather than read):\n${quality.join('\n')}\n` : '';
  return head + h.timeline.map(renderEntry).join('\n') + '\n' + notes;
}

function renderEntry(e: TimelineEntry): string {
  const what = e.kind === 'decided' ? `decided: ${e.outcome}` : e.kind === 'recommended' ? `recommended to ${e.recommendedTo}` : e.kind;
  const item = e.item === null ? '' : ` punkt ${e.item}`;
  const lines = [`${e.date}  ${e.committee}${item}`, `            ${what} — ${oneLine(e.text)}`];
  if (e.votes) lines.push(`            votes: ${renderVotes(e.votes)}`);
  if (e.absent) lines.push(`            absent: ${e.absent.join(', ')}`);
  return lines.join('\n');
}

function renderVotes(v: Votes): string {
  const parts = [
    v.for.length > 0 && `for ${v.for.join(', ')}`,
    v.against.length > 0 && `against ${v.against.join(', ')}`,
    v.abstained.length > 0 && `abstained ${v.abstained.join(', ')}`,
    v.notTakingPart.length > 0 && `not taking part ${v.notTakingPart.join(', ')}`,
  ];
  return parts.filter(Boolean).join('; ');
}

const oneLine = (s: string): string => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > 100 ? `${flat.slice(0, 97)}...` : flat;
};
