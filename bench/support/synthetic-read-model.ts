import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { CheckpointStore } from '@sagsspor/audit';
import { EVENT_STORE, SqliteEventStore, type EventStore } from '@sagsspor/event-store';
import { parseSagerQuery, SqliteReadModel } from '@sagsspor/read-model';
import { rebuildNodeFlags } from '../../apps/cli/src/rebuild-process';
import type { RebuildRunReport } from '../rebuild/rebuild-run';
import type { SyntheticLogReport } from '../rebuild/synthetic-log';

export interface BenchSag {
  readonly kommune: string;
  readonly sagsnummer: string;
  readonly committees: string[];
}

/** A synthetic log of `count` sager in `dir`, its read models rebuilt, and every sag listed (the benches pick among them). */
export async function syntheticReadModel(dir: string, count: number): Promise<BenchSag[]> {
  const log = JSON.parse(
    execFileSync(process.execPath, [path.join(__dirname, '..', 'rebuild', 'generate-log.js'), dir, `sager:${count}`], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  ) as SyntheticLogReport;
  console.log(`log: ${log.events} events, ${log.sager} sager, written in ${log.seconds.toFixed(1)} s`);
  // In a process of its own, as `cli rebuild` runs: the measuring process starts with the heap a server has, not a rebuild's.
  const built = JSON.parse(
    execFileSync(process.execPath, [...rebuildNodeFlags(), path.join(__dirname, '..', 'rebuild', 'rebuild-run.js'), dir], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  ) as RebuildRunReport;
  console.log(`read model built in ${built.seconds.toFixed(1)} s`);
  const store = new SqliteEventStore(dir);
  const model = new SqliteReadModel(dir);
  const sager: BenchSag[] = [];
  for (let cursor: string | undefined; ; ) {
    const page = await model.listSager(
      parseSagerQuery({ closedAccess: true, kommune: 'Lejre', limit: 500, ...(cursor ? { cursor } : {}) }),
    );
    sager.push(
      ...page.items.map((s) => ({ kommune: s.kommune, sagsnummer: s.sagsnummer, committees: s.committees.map((c) => c.committee) })),
    );
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  await model.close();
  await store.close();
  if (sager.length < count) throw new Error(`only ${sager.length} sager in the read model`);
  return sager;
}

/** The real API over `dir` on a loopback port, authentication and rate limits off, silent. */
export async function startBenchApi(dir: string): Promise<{ app: NestExpressApplication; url: string }> {
  Object.assign(process.env, {
    SAGSSPOR_DATA_DIR: dir,
    SAGSSPOR_AUTH: 'off',
    SAGSSPOR_RATE_LIMIT: 'off',
    SAGSSPOR_LOG_LEVEL: 'silent',
    MONGODB_URL: '',
    EVENTSTORE_URL: '',
    // The tail of the log is checkpointed soon after its last event, so the server below reaches its steady state.
    SAGSSPOR_AUDIT_CHECKPOINT_MS: '200',
  });
  const { createApi } = await import('../../apps/api/src/create-api');
  const app = await createApi({ logger: false });
  await app.listen(0, '127.0.0.1');
  await checkpointsCaughtUp(app);
  return { app, url: `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}` };
}

/**
 * A server started on a log nobody has checkpointed first hashes the whole log
 * on its event loop; measured meanwhile, every request would wait behind that
 * catch-up, which a running server has long finished. Waits until it has.
 */
async function checkpointsCaughtUp(app: NestExpressApplication): Promise<void> {
  const { CHECKPOINT_STORE } = await import('../../apps/api/src/audit/checkpoint-tokens');
  const checkpoints = app.get<CheckpointStore>(CHECKPOINT_STORE);
  const head = await app.get<EventStore>(EVENT_STORE).headPosition();
  const started = Date.now();
  for (;;) {
    const latest = await checkpoints.latest();
    if (latest && BigInt(latest.position) >= head) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  console.log(`audit checkpoints caught up with the log in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
