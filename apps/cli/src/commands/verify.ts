import { QueryBus } from '@nestjs/cqrs';
import type { VerifyReport } from '@sagsspor/audit';
import { VerifyAuditLog } from '@sagsspor/recording';
import { checkFlags, UsageError, type ParsedArgs } from '../args';
import { withApp } from '../context';
import { EXIT, printJson } from '../output';

export const verifyUsage = "verify [--json]   (check every stream's hash chain; exit 1 when broken)";

export async function verifyCommand(args: ParsedArgs): Promise<number> {
  checkFlags(args, ['json']);
  if (args.positionals.length) throw new UsageError(`usage: ${verifyUsage}`);
  const json = args.flags.has('json');
  let report: VerifyReport;
  try {
    report = await withApp((app) => app.get(QueryBus).execute<VerifyAuditLog, VerifyReport>(new VerifyAuditLog()));
  } catch (error) {
    // A log that cannot even be opened (not a database, damaged pages) is the worst finding, not a crash.
    if (!json) throw error;
    printJson({ ok: false, error: error instanceof Error ? error.message : String(error) });
    return EXIT.failed;
  }
  if (json) printJson(report);
  else process.stdout.write(renderReport(report));
  return report.ok ? EXIT.ok : EXIT.failed;
}

function renderReport(r: VerifyReport): string {
  const summary = `${r.ok ? 'ok' : 'BROKEN'}: ${r.events} events in ${r.streams} streams, through position ${r.headPosition}\n`;
  const more = r.brokenCount > r.broken.length ? [`... and ${r.brokenCount - r.broken.length} more`] : [];
  if (r.unreadableAfter) more.push(`unreadable after position ${r.unreadableAfter.position ?? '(start)'}: ${r.unreadableAfter.detail}`);
  return (
    summary +
    [...r.broken.map((b) => `  ${b.stream} revision ${b.revision}: ${b.reason} — ${b.detail}`), ...more].map((l) => `${l}\n`).join('')
  );
}
