import * as fs from 'node:fs';
import * as path from 'node:path';
import { CommandBus } from '@nestjs/cqrs';
import { addSummary, emptySummary, ImportMinutes, type ImportResult, type ImportSummary } from '@sagsspor/import';
import { checkFlags, stringFlag, UsageError, type ParsedArgs } from '../args';
import { cliRecordContext, withApp } from '../context';
import { printJson, say } from '../output';
import { progressBar } from '../progress';

export const importUsage = 'import [--kommune <name>] [--dry-run] [--json] [--replaces <sha256>] <file|dir>...';

export async function importCommand(args: ParsedArgs): Promise<number> {
  checkFlags(args, ['kommune', 'dry-run', 'json', 'replaces']);
  if (args.positionals.length === 0) throw new UsageError(`usage: ${importUsage}`);
  const files = args.positionals.flatMap(expand);
  const kommune = stringFlag(args, 'kommune');
  const dryRun = args.flags.has('dry-run');
  const replaces = stringFlag(args, 'replaces')?.trim().toLowerCase();
  if (replaces !== undefined && !/^[0-9a-f]{64}$/.test(replaces))
    throw new UsageError('--replaces takes the sha256 of a version of the same minutes (64 hex digits)');
  if (replaces !== undefined && files.length !== 1)
    throw new UsageError('--replaces names what one document replaces: give exactly one file');
  const { summary, parsed } = await withApp(async (app) => {
    const bus = app.get(CommandBus);
    const progress = progressBar(files.length);
    let total = emptySummary();
    const documents: unknown[] = [];
    for (const file of files) {
      const result = await importFile(bus, file, { ...(kommune ? { kommune } : {}), ...(replaces ? { replaces } : {}), dryRun });
      total = addSummary(total, result.summary);
      if (dryRun && result.parsed) {
        // What it would change in the record: its version among the meeting's, and each correction and withdrawal.
        documents.push({ document: file, version: result.version, corrections: result.summary.changes, ...result.parsed });
      }
      progress.tick(path.basename(file));
    }
    progress.done();
    return { summary: total, parsed: documents };
  });
  report(summary, args.flags.has('json'), dryRun ? parsed : null);
  return summary.failed.length > 0 ? 1 : 0;
}

function expand(arg: string): string[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(arg);
  } catch {
    throw new UsageError(`${arg}: no such file or directory`);
  }
  if (!stat.isDirectory()) return [arg];
  return fs
    .readdirSync(arg, { withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.startsWith('.') && e.name !== 'expected.json')
    .map((e) => path.join(arg, e.name))
    .sort();
}

async function importFile(bus: CommandBus, file: string, options: ImportMinutes['options']): Promise<ImportResult> {
  const context = cliRecordContext();
  const document = { name: path.basename(file), bytes: fs.readFileSync(file) };
  return bus.execute<ImportMinutes, ImportResult>(new ImportMinutes(document, context, options));
}

function report(summary: ImportSummary, json: boolean, parsed: unknown[] | null): void {
  for (const f of summary.failed) say(`${f.document}:${f.line}: ${f.message} [${f.code}]`);
  if (json) return printJson(parsed ?? summary);
  if (parsed) return printJson(parsed);
  for (const w of summary.warnings) say(`warning: ${w.document}${w.line ? `:${w.line}` : ''}: ${w.message}`);
  process.stdout.write(
    `${summary.documents} documents, ${summary.items} items, ${summary.treatments} treatments: ` +
      `${summary.eventsAppended} events appended, ${summary.duplicatesSkipped} already recorded, ` +
      (summary.corrections + summary.withdrawals + summary.versionsSkipped > 0
        ? `${summary.corrections} corrected, ${summary.withdrawals} withdrawn, ${summary.versionsSkipped} versions already imported or replaced, `
        : '') +
      `${summary.warnings.length} warnings, ${summary.failed.length} failed\n`,
  );
}
