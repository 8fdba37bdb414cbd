import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { Webhook } from 'standardwebhooks';
import { Checkpointer, checkpointExtension, checkpointOptionsFromEnv, LatestCheckpoint, publicKeyInfo } from '@sagsspor/audit';
import { SqliteCheckpointStore, SqliteEventStore } from '@sagsspor/event-store';
import { IntegrationEventMapper, redactFor } from '@sagsspor/integration-events';
import {
  keepAliveAgents,
  post,
  signWebhook,
  webhookOptionsFromEnv,
  webhookSigningKey,
  WebhookDispatcher,
  WebhookService,
  WebhookStore,
  type Agents,
} from '@sagsspor/webhooks';
import type { FromReceiver, ToReceiver } from './receiver-worker';
import { sagAppend } from './workload';

/**
 * Webhook delivery throughput and latency against a bare POST loop.
 *
 * Both sides are sequential, one request in flight: a subscription must
 * deliver in order, so the dispatcher sends the next event only after the
 * previous one is acknowledged, and the bare loop does the same. Both use
 * the same keep-alive agent, the same receiver (its own thread) and bodies of
 * the same size (the bare loop replays real, pre-signed deliveries, so it
 * does no store reads, mapping or signing: that is the overhead measured).
 * CPU and disk drift by 2x on shared machines, so the two sides take turns
 * in rounds (who goes first alternates): each round appends a chunk of sager
 * with the dispatcher stopped, then times the bare loop and the dispatcher
 * (started from its checkpoint) draining that chunk. Rates are totals over
 * the rounds. The last line printed is one JSON object.
 */
const SAGER = intEnv('BENCH_WEBHOOK_SAGER', 5_500);
const ROUNDS = 5;
const MEETINGS = 10;
const EVENTS = SAGER * MEETINGS * 2;
const LATENCY_RATE = 500;
const LATENCY_SECONDS = 10;
const BARE_BODIES = 1_000;
const TARGET = 0.5;

/** Milliseconds on the monotonic clock, which both threads share (wall time can step mid-run). */
const now = (): number => Number(process.hrtime.bigint()) / 1e6;

interface Totals {
  bareCount: number;
  bareMs: number;
  bareRtts: number[];
  hookCount: number;
  hookMs: number;
}

async function main(): Promise<void> {
  const dir = freshDir();
  const events = new SqliteEventStore(dir);
  const receiver = await Receiver.start();
  const agents = keepAliveAgents();
  const webhooks = new WebhookStore(dir);
  const options = webhookOptionsFromEnv();
  const checkpoints = startCheckpoints(dir, events);
  const mapper = new IntegrationEventMapper(events, undefined, checkpoints.extension);
  const dispatcher = new WebhookDispatcher({ events, mapper, store: webhooks, options, agents });
  const service = new WebhookService(events, webhooks, dispatcher);
  console.log(
    `webhooks bench: ${fmt(EVENTS)} events (${fmt(SAGER)} sager x ${MEETINGS} meetings x proposal+decision) in ${ROUNDS} rounds, ${os.cpus().length} CPUs, node ${process.version}`,
  );
  try {
    const { secret } = await service.create({ url: `${receiver.base}/hook`, start: 'beginning' });
    const expectedIds: string[] = [];
    const totals: Totals = { bareCount: 0, bareMs: 0, bareRtts: [], hookCount: 0, hookMs: 0 };
    let bare: BareRequest[] = [];
    let appendMs = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const from = Math.floor((SAGER * round) / ROUNDS);
      const to = Math.floor((SAGER * (round + 1)) / ROUNDS);
      const t0 = now();
      const ids = await appendSager(events, from, to);
      appendMs += now() - t0;
      expectedIds.push(...ids);
      if (round === 0) bare = await bareBodies(events, checkpoints.extension);
      const sides = [
        async () => {
          const run = await bareLoop(receiver, agents, bare, ids.length, '/bare');
          totals.bareCount += run.count;
          totals.bareMs += run.ms;
          totals.bareRtts.push(...run.rtts);
          return run.count / (run.ms / 1000);
        },
        async () => {
          const reached = receiver.reached('/hook', expectedIds.length);
          const started = now();
          dispatcher.start();
          await reached;
          const last = await receiver.lastArrival('/hook');
          await dispatcher.stop();
          totals.hookCount += ids.length;
          totals.hookMs += last - started;
          return ids.length / ((last - started) / 1000);
        },
      ] as const;
      const [first, second] = round % 2 === 0 ? sides : [sides[1], sides[0]];
      const a = await first();
      const b = await second();
      const [bareRate, hookRate] = round % 2 === 0 ? [a, b] : [b, a];
      console.log(
        `round ${round + 1}/${ROUNDS}: ${fmt(ids.length)} events; bare ${fmt(bareRate)} posts/s, webhooks ${fmt(hookRate)} events/s, ratio ${(hookRate / bareRate).toFixed(2)}`,
      );
    }
    console.log(
      `setup (not measured): ${fmt(EVENTS)} events appended in ${(appendMs / 1000).toFixed(1)} s, one append per sag; mean body ${fmt(meanBytes(bare))} B`,
    );

    dispatcher.start();
    const latencies = await latencyRun(events, receiver);
    const final = await receiver.report('/hook');
    await dispatcher.stop();

    const delivered = final.ids.slice(0, EVENTS);
    const inOrder = delivered.length === expectedIds.length && delivered.every((id, i) => id === expectedIds[i]);
    const duplicates = final.ids.length - new Set(final.ids).size;
    const verifier = new Webhook(secret);
    const verified = final.samples.every((s) => {
      verifier.verify(s.body, s.headers);
      return true;
    });

    const rate = totals.hookCount / (totals.hookMs / 1000);
    const bareRate = totals.bareCount / (totals.bareMs / 1000);
    const bareP99 = percentile(totals.bareRtts, 0.99);
    const ratio = rate / bareRate;
    const p99 = percentile(latencies.fromAppend, 0.99);
    console.log(
      `bare POST loop (sequential, 1 in flight, same keep-alive agent, same receiver thread, same body sizes, pre-signed): ${fmt(totals.bareCount)} posts, ${fmt(bareRate)} posts/s, round trip p99 ${ms(bareP99)}`,
    );
    console.log(
      `webhooks (1 subscription, sequential, 1 in flight; store read, CloudEvent mapping with the audit checkpoint, HMAC signing, checkpoint every ${options.checkpointEvery} events / ${options.checkpointIntervalMs} ms): ` +
        `${fmt(totals.hookCount)} events in ${(totals.hookMs / 1000).toFixed(1)} s, ${fmt(rate)} events/s`,
    );
    console.log(
      `end-to-end latency, append -> receipt (paced at ${LATENCY_RATE} events/s for ${LATENCY_SECONDS} s, live subscription): ` +
        `p50 ${ms(percentile(latencies.fromAppend, 0.5))}, p99 ${ms(p99)}; from commit (after the store's fsync): p50 ${ms(percentile(latencies.fromCommit, 0.5))}, p99 ${ms(percentile(latencies.fromCommit, 0.99))}`,
    );
    console.log(
      `checks: in position order ${yes(inOrder)}, missing ${expectedIds.length - new Set(delivered).size}, duplicates ${duplicates}, signatures verified with standardwebhooks (${final.samples.length} samples) ${yes(verified)}`,
    );
    console.log(`ratio ${ratio.toFixed(2)} of the bare loop (target ${TARGET})`);
    console.log(
      JSON.stringify({
        name: 'webhooks',
        value: round(rate),
        unit: 'events/s',
        baseline: round(bareRate),
        ratio: Number(ratio.toFixed(3)),
        target: TARGET,
        events: totals.hookCount,
        p99LatencyMs: Number(p99.toFixed(2)),
        p99FromCommitMs: Number(percentile(latencies.fromCommit, 0.99).toFixed(2)),
        bareP99Ms: Number(bareP99.toFixed(3)),
        inOrder,
        duplicates,
      }),
    );
    if (!inOrder || !verified || duplicates > 0) process.exitCode = 1;
  } finally {
    await dispatcher.stop();
    await checkpoints.stop();
    webhooks.close();
    await receiver.stop();
    agents.http.destroy();
    await events.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Setup, not measured: one append per sag, as an import of its minutes would write it. */
async function appendSager(events: SqliteEventStore, from: number, to: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = from; i < to; i++) {
    const sag = sagAppend(i, MEETINGS);
    await events.append(sag.streamName, sag.events, 'no_stream');
    for (const e of sag.events) ids.push(e.metadata.eventId);
  }
  return ids;
}

interface BareRequest {
  readonly headers: Record<string, string>;
  readonly body: string;
}

/**
 * Signed audit checkpoints computed beside the dispatcher, as in the API: the
 * subscriber follows the same log, and every delivery carries the newest.
 */
function startCheckpoints(dir: string, events: SqliteEventStore) {
  const store = new SqliteCheckpointStore(dir);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const latest = new LatestCheckpoint(store);
  const checkpointer = new Checkpointer(
    events,
    store,
    { privateKey, publicKey: publicKeyInfo(publicKey) },
    checkpointOptionsFromEnv(),
    (error) => console.error(error),
    (checkpoint) => latest.offer(checkpoint),
  );
  checkpointer.start();
  return {
    extension: (): string | null => {
      const checkpoint = latest.get();
      return checkpoint && checkpointExtension(checkpoint);
    },
    stop: async (): Promise<void> => {
      await checkpointer.stop();
      await store.close();
    },
  };
}

/** Real deliveries of the first events, mapped and signed now, replayed as-is by the bare loop. */
async function bareBodies(events: SqliteEventStore, checkpoint: () => string | null): Promise<BareRequest[]> {
  const mapper = new IntegrationEventMapper(events, undefined, checkpoint);
  const key = webhookSigningKey('whsec_' + Buffer.alloc(32, 7).toString('base64'));
  const requests: BareRequest[] = [];
  for (const recorded of await events.readAll({ maxCount: BARE_BODIES })) {
    const event = await mapper.map(recorded);
    if (!event) continue;
    const body = JSON.stringify(redactFor(event, false));
    const headers = {
      'content-type': 'application/cloudevents+json; charset=utf-8',
      'user-agent': 'sagsspor-webhooks/1',
      'content-length': String(Buffer.byteLength(body)),
      ...signWebhook(key, event.id, Math.floor(Date.now() / 1000), body),
    };
    requests.push({ headers, body });
  }
  return requests;
}

const meanBytes = (requests: readonly BareRequest[]): number =>
  requests.reduce((n, r) => n + Buffer.byteLength(r.body), 0) / requests.length;

async function bareLoop(receiver: Receiver, agents: Agents, requests: readonly BareRequest[], count: number, route: string) {
  const url = new URL(`${receiver.base}${route}`);
  const rtts: number[] = [];
  const started = now();
  for (let i = 0; i < count; i++) {
    const request = requests[i % requests.length] as BareRequest;
    const t0 = now();
    const result = await post(url, request.headers, request.body, agents, 10_000);
    rtts.push(now() - t0);
    if (!result.ok) throw new Error(`bare POST failed: ${result.error}`);
  }
  return { count, ms: now() - started, rtts };
}

interface Latencies {
  /** From just before the append call: includes the store's fsync. */
  readonly fromAppend: number[];
  /** From the append's return (committed and signalled): the dispatcher's own share. */
  readonly fromCommit: number[];
}

/** New sager appended at a steady pace while the subscription is live. */
async function latencyRun(events: SqliteEventStore, receiver: Receiver): Promise<Latencies> {
  const appends = (LATENCY_RATE * LATENCY_SECONDS) / 2;
  const appendedAt = new Map<string, [number, number]>();
  const reached = receiver.reached('/hook', EVENTS + appends * 2);
  const started = now();
  for (let k = 0; k < appends; k++) {
    const due = started + (k * 2000) / LATENCY_RATE;
    const wait = due - now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const sag = sagAppend(SAGER + k, 1);
    const t0 = now();
    await events.append(sag.streamName, sag.events, 'no_stream');
    const t1 = now();
    for (const e of sag.events) appendedAt.set(e.metadata.eventId, [t0, t1]);
  }
  await reached;
  const report = await receiver.report('/hook');
  const latencies: Latencies = { fromAppend: [], fromCommit: [] };
  report.ids.forEach((id, i) => {
    const at = appendedAt.get(id);
    const received = report.times[i];
    if (!at || received === undefined) return;
    latencies.fromAppend.push(received - at[0]);
    latencies.fromCommit.push(received - at[1]);
  });
  return latencies;
}

class Receiver {
  private readonly waiting = new Map<string, () => void>();
  private reports: ((r: Extract<FromReceiver, { kind: 'report' }>) => void)[] = [];

  private constructor(
    private readonly worker: Worker,
    readonly base: string,
  ) {
    worker.on('message', (m: FromReceiver) => {
      if (m.kind === 'reached') this.waiting.get(m.path)?.();
      if (m.kind === 'report') this.reports.shift()?.(m);
    });
  }

  static async start(): Promise<Receiver> {
    const worker = new Worker(path.join(__dirname, 'receiver-worker.js'));
    const port = await new Promise<number>((resolve, reject) => {
      worker.once('error', reject);
      worker.once('message', (m: FromReceiver) => (m.kind === 'listening' ? resolve(m.port) : reject(new Error('unexpected message'))));
    });
    return new Receiver(worker, `http://127.0.0.1:${port}`);
  }

  reached(route: string, count: number): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.set(route, resolve);
      this.send({ kind: 'expect', path: route, count });
    });
  }

  /** Arrival time of the newest request on a route. */
  async lastArrival(route: string): Promise<number> {
    const report = await this.report(route);
    return report.times[report.times.length - 1] ?? now();
  }

  report(route: string): Promise<Extract<FromReceiver, { kind: 'report' }>> {
    return new Promise((resolve) => {
      this.reports.push(resolve);
      this.send({ kind: 'report', path: route });
    });
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }

  private send(message: ToReceiver): void {
    this.worker.postMessage(message);
  }
}

function freshDir(): string {
  const base = process.env['BENCH_DIR'] ?? os.tmpdir();
  fs.mkdirSync(base, { recursive: true });
  return fs.mkdtempSync(path.join(base, 'sagsspor-bench-webhooks-'));
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  return raw ? Number(raw) : fallback;
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const round = (n: number): number => Math.round(n);
const ms = (n: number): string => `${n.toFixed(2)} ms`;
const yes = (b: boolean): string => (b ? 'yes' : 'NO');

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
