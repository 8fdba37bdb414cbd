// Deep imports: the process loads the embedded adapters and the rebuild only, as a
// rebuild needs, not the server drivers (MongoDB, EventStoreDB) or Nest the package
// indexes also bring.
import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite-event-store';
import { rebuild, type RebuildReport } from '../../libs/read-model/src/projector/rebuild';
import { SqliteReadModel } from '../../libs/read-model/src/sqlite/sqlite-read-model';

/**
 * `node dist/bench/rebuild/rebuild-run.js <dataDir>`: rebuilds the read models
 * of the embedded store in <dataDir> from position 0 and prints, as one JSON
 * line, the report and this process's peak RSS. A process of its own, so
 * that peak is the rebuild's alone. Progress goes to stderr.
 */
export interface RebuildRunReport {
  readonly events: number;
  readonly seconds: number;
  readonly generation: number;
  readonly peakRssMb: number;
}

async function main(dataDir: string): Promise<void> {
  const store = new SqliteEventStore(dataDir);
  const model = new SqliteReadModel(dataDir);
  let report: RebuildReport;
  try {
    report = await rebuild(store, model, {
      progressEvery: 250_000,
      onProgress: (p) => process.stderr.write(`  ${p.events} events applied, rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB\n`),
    });
    const live = await model.liveCheckpoint();
    if (live?.gen !== report.generation || live.checkpoint !== (await store.headPosition()))
      throw new Error('the rebuilt generation is not live at the head of the log');
  } finally {
    await model.close();
    await store.close();
  }
  const result: RebuildRunReport = {
    events: report.events,
    seconds: report.seconds,
    generation: report.generation,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

const [dataDir] = process.argv.slice(2);
if (!dataDir) {
  console.error('usage: rebuild-run.js <dataDir>');
  process.exit(2);
}
main(dataDir).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
