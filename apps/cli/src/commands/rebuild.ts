import { READ_MODEL, readModelConfigFromEnv, rebuild, removeOldLayout, type ReadModelStore } from '@sagsspor/read-model';
import { EVENT_STORE, type EventStore } from '@sagsspor/event-store';
import { checkFlags, UsageError, type ParsedArgs } from '../args';
import { printJson, say } from '../output';
import { stopWhenStarterGoes } from '../rebuild-process';
import { withReadModel } from './sager';

export const rebuildUsage = 'rebuild [--json]   (builds the read models anew from position 0 beside the live ones, then swaps)';

/**
 * Safe while the server runs: readers keep the live generation until the new
 * one has read the whole log, then the swap is one transaction (SQLite) or one
 * update (MongoDB); the server's projector follows it.
 */
export async function rebuildCommand(args: ParsedArgs): Promise<number> {
  checkFlags(args, ['json']);
  if (args.positionals.length) throw new UsageError(`usage: ${rebuildUsage}`);
  // What it built so far is a building generation, which the next rebuild drops.
  stopWhenStarterGoes(() => {
    say('The process that started this rebuild is gone: it stops, and the live read models stay as they were.');
    process.exit(1);
  });
  const config = readModelConfigFromEnv();
  // Read models of an earlier version hold nothing the log does not: this is how they are replaced.
  if (!config.mongodbUrl && removeOldLayout(config.dataDir)) say(`Removed the read models an earlier version made in ${config.dataDir}.`);
  const report = await withReadModel(
    async (app) => {
      const model = app.get<ReadModelStore>(READ_MODEL);
      say(`Rebuilding ${model.description} ...`);
      return rebuild(app.get<EventStore>(EVENT_STORE), model, {
        onProgress: (p) => say(`  ${p.events} events applied (position ${p.checkpoint} of ${p.head})`),
      });
    },
    { catchUp: false },
  );
  const summary = {
    generation: report.generation,
    replaced: report.replaced,
    events: report.events,
    checkpoint: report.checkpoint.toString(),
    seconds: Math.round(report.seconds * 1000) / 1000,
    eventsPerSecond: report.seconds > 0 ? Math.round(report.events / report.seconds) : null,
    droppedGenerations: report.dropped,
  };
  if (args.flags.has('json')) printJson(summary);
  else {
    process.stdout.write(
      `Generation ${summary.generation} is live (replaced ${summary.replaced ?? 'none'}): ${summary.events} events in ${summary.seconds} s` +
        `${summary.eventsPerSecond === null ? '' : ` (${summary.eventsPerSecond} events/s)`}, checkpoint ${summary.checkpoint}.\n`,
    );
  }
  return 0;
}
