import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { QueryBus } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@sagsspor/event-store';
import { ListSager, type SagerFilter } from '@sagsspor/read-model';
import { GetSagHistory } from '@sagsspor/recording';
import { sagStreamName } from '@sagsspor/sag';
import { rng } from '../rebuild/synthetic-log';
import { httpLatencies } from '../support/http-latency';
import { startBenchApi, syntheticReadModel } from '../support/synthetic-read-model';

/**
 * `npm run bench:query`: p50/p99 of a sag timeline (GetSagHistory: the sag's
 * stream read and folded, as GET /sager/{k}/{n} answers), of a filtered
 * GET /sager page (kommune + committee + status, 50 items), of a committee's
 * pipeline (the sager going there next) and of ?next=&stale=P90D, over a log and
 * read model of 100,000 sager, in-process (the Nest query bus, as the API
 * calls it) and over HTTP (the real API on loopback, asked by a client on a
 * thread of its own). Baseline: the same
 * sag's stream read alone (readStream, no fold). Targets: p99 ≤ 2 ms
 * in-process, ≤ 10 ms over HTTP. Last line: one JSON result object.
 */
const SAGER = Number(process.env['BENCH_SAGER'] ?? 100_000);
const SAMPLES = Number(process.env['BENCH_SAMPLES'] ?? 3000);
const TARGET_IN_PROCESS_MS = 2;
const TARGET_HTTP_MS = 10;
const STATUSES = ['decided', 'recommended', 'proposed', 'postponed'];
/** A fixed "today" for ?stale=, so every run asks the same question of the synthetic log. */
const TODAY = '2026-01-01';

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function measure(label: string, samples: number, run: (i: number) => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < Math.min(500, samples); i += 1) await run(samples + i); // warm-up
  const times: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const started = process.hrtime.bigint();
    await run(i);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return summarise(label, times);
}

/** Over HTTP from a client thread of its own (see httpLatencies); the first 500 requests warm up. */
async function measureHttp(label: string, url: string, nextPath: () => string): Promise<{ p50: number; p99: number }> {
  const warmUp = Math.min(500, SAMPLES);
  const paths = Array.from({ length: warmUp + SAMPLES }, nextPath);
  return summarise(label, (await httpLatencies(url, paths)).slice(warmUp));
}

function summarise(label: string, times: number[]): { p50: number; p99: number } {
  times.sort((a, b) => a - b);
  const result = { p50: percentile(times, 50), p99: percentile(times, 99) };
  console.log(`${label.padEnd(52)} p50 ${result.p50.toFixed(3).padStart(7)} ms   p99 ${result.p99.toFixed(3).padStart(7)} ms`);
  return result;
}

async function main(): Promise<void> {
  const base = process.env['BENCH_DIR'] ?? os.tmpdir();
  fs.mkdirSync(base, { recursive: true });
  const dir = fs.mkdtempSync(path.join(base, 'sagsspor-bench-query-'));
  try {
    console.log(`bench:query — read model of ${SAGER.toLocaleString('en')} sager, ${SAMPLES} samples per measurement`);
    const sager = await syntheticReadModel(dir, SAGER);
    const { app, url } = await startBenchApi(dir);
    try {
      const bus = app.get(QueryBus);
      const random = rng(7);
      const pickSag = () => sager[Math.floor(random() * sager.length)] as (typeof sager)[number];
      const filter = (): SagerFilter => {
        const sag = pickSag();
        return {
          kommune: sag.kommune,
          committee: sag.committees[Math.floor(random() * sag.committees.length)] as string,
          status: STATUSES[Math.floor(random() * STATUSES.length)] as string,
          closedAccess: false,
          limit: '50',
        };
      };
      const events = app.get<EventStore>(EVENT_STORE);
      const history = await measure("baseline: the sag's stream read (readStream, no fold)", SAMPLES, () =>
        events.readStream(sagStreamName(pickSag())),
      );
      const timeline = await measure('sag timeline, in-process (GetSagHistory: stream folded)', SAMPLES, () =>
        bus.execute(new GetSagHistory(pickSag())),
      );
      const page = await measure('filtered sager page, in-process (ListSager)', SAMPLES, () => bus.execute(new ListSager(filter())));
      // The sager going to a committee next (its pipeline), and those of them standing still (?next=&stale=).
      const nextFilter = (stale: boolean): SagerFilter => {
        const f = filter();
        return {
          kommune: f.kommune,
          next: f.committee,
          closedAccess: false,
          limit: '50',
          ...(stale ? { stale: 'P90D', today: TODAY } : {}),
        };
      };
      const pipeline = await measure('committee pipeline, in-process (ListSager ?next=)', SAMPLES, () =>
        bus.execute(new ListSager(nextFilter(false))),
      );
      const stale = await measure('stale sager going next, in-process (?next=&stale=P90D)', SAMPLES, () =>
        bus.execute(new ListSager(nextFilter(true))),
      );
      const timelineHttp = await measureHttp('sag timeline over HTTP (GET /sager/{k}/{n})*', url, () => {
        const sag = pickSag();
        return `/sager/${encodeURIComponent(sag.kommune)}/${encodeURIComponent(sag.sagsnummer)}`;
      });
      const pageHttp = await measureHttp('filtered sager page over HTTP (GET /sager?...)', url, () => {
        const f = filter();
        return `/sager?kommune=${encodeURIComponent(f.kommune)}&committee=${encodeURIComponent(f.committee ?? '')}&status=${f.status}&limit=50`;
      });
      const pipelineHttp = await measureHttp('committee pipeline over HTTP (GET /committees/…/pipeline)', url, () => {
        const f = nextFilter(false);
        return `/committees/${encodeURIComponent(f.kommune)}/${encodeURIComponent(f.next ?? '')}/pipeline?limit=50`;
      });
      const staleHttp = await measureHttp('stale sager going next over HTTP (GET /sager?next=&stale=)', url, () => {
        const f = nextFilter(true);
        return `/sager?kommune=${encodeURIComponent(f.kommune)}&next=${encodeURIComponent(f.next ?? '')}&stale=P90D&limit=50`;
      });
      const value = Math.max(timeline.p99, page.p99, pipeline.p99, stale.p99);
      // Every route reads the read model or the log over HTTP: the worst of them is what the target bounds.
      const http = Math.max(pageHttp.p99, timelineHttp.p99, pipelineHttp.p99, staleHttp.p99);
      console.log(
        `in-process p99 ${value.toFixed(3)} ms (target ≤ ${TARGET_IN_PROCESS_MS} ms); HTTP p99 ${http.toFixed(3)} ms (target ≤ ${TARGET_HTTP_MS} ms; GET /sager ${pageHttp.p99.toFixed(3)} ms, GET /sager/{k}/{n} ${timelineHttp.p99.toFixed(3)} ms, pipeline ${pipelineHttp.p99.toFixed(3)} ms, ?next=&stale= ${staleHttp.p99.toFixed(3)} ms)`,
      );
      console.log(
        JSON.stringify({
          name: 'query p99 in-process (worst of sag timeline, filtered GET /sager page, committee pipeline and ?next=&stale=)',
          value: round3(value),
          unit: 'ms',
          baseline: round3(history.p99),
          ratio: round3(value / history.p99),
          target: TARGET_IN_PROCESS_MS,
        }),
      );
    } finally {
      await app.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
