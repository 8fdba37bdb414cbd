import 'reflect-metadata';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { rng } from '../rebuild/synthetic-log';
import { startBenchApi, syntheticReadModel, type BenchSag } from '../support/synthetic-read-model';

/**
 * `npm run bench:pages`: a sag's page (GET /sag/{k}/{n}, HTML) against the
 * same sag's JSON (GET /sager/{k}/{n}) over HTTP, for the same random sager
 * in the same run, interleaved, over a read model of 100,000 sager. Both are
 * asked with the same Accept-Encoding through the same client: the page is
 * measured as a browser gets it (compressed, and decoded within the timed
 * span), the JSON as the API serves it (uncompressed: the server compresses
 * what the pages send); the page asked uncompressed is printed beside them.
 * Also: the bytes of HTML+CSS+JS of a sag page, uncompressed, and that pages
 * are compressed. Target: page p99 ≤ 1.5 × JSON p99; ≤ 100 KB. Last line:
 * one JSON result object.
 */
const SAGER = Number(process.env['BENCH_SAGER'] ?? 100_000);
const SAMPLES = Number(process.env['BENCH_SAMPLES'] ?? 3000);
const TARGET_RATIO = 1.5;
const TARGET_BYTES = 100 * 1024;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function summary(label: string, times: number[]): { p50: number; p99: number } {
  times.sort((a, b) => a - b);
  const result = { p50: percentile(times, 50), p99: percentile(times, 99) };
  console.log(`${label.padEnd(44)} p50 ${result.p50.toFixed(3).padStart(7)} ms   p99 ${result.p99.toFixed(3).padStart(7)} ms`);
  return result;
}

/**
 * One client for every request: node:http on one kept-alive connection. A
 * compressed body is decoded inside the timed span, as a browser decodes it,
 * in one call: `fetch` would decode through a stream on the thread pool, in
 * this process, and charge the page for the client's round trips.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const DECODE: Record<string, (b: Buffer) => Buffer> = { br: zlib.brotliDecompressSync, gzip: zlib.gunzipSync, deflate: zlib.inflateSync };

async function timed(url: string, acceptEncoding = 'gzip, deflate, br'): Promise<{ ms: number; body: string; encoding: string | null }> {
  const started = process.hrtime.bigint();
  const res = await new Promise<http.IncomingMessage>((resolve, reject) =>
    http.get(url, { agent, headers: { 'accept-encoding': acceptEncoding } }, resolve).on('error', reject),
  );
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  const encoding = res.headers['content-encoding'] ?? null;
  const raw = Buffer.concat(chunks);
  const body = (encoding === null ? raw : (DECODE[encoding] ?? unknownEncoding(encoding))(raw)).toString('utf8');
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${body.slice(0, 2000)}`);
  return { ms, body, encoding };
}

function unknownEncoding(encoding: string): never {
  throw new Error(`unexpected Content-Encoding ${encoding}`);
}

async function main(): Promise<void> {
  const base = process.env['BENCH_DIR'] ?? os.tmpdir();
  fs.mkdirSync(base, { recursive: true });
  const dir = fs.mkdtempSync(path.join(base, 'sagsspor-bench-pages-'));
  try {
    console.log(`bench:pages — read model of ${SAGER.toLocaleString('en')} sager, ${SAMPLES} samples of each route, interleaved`);
    const sager = await syntheticReadModel(dir, SAGER);
    const { app, url } = await startBenchApi(dir);
    try {
      const random = rng(11);
      const pick = () => sager[Math.floor(random() * sager.length)] as BenchSag;
      const pageOf = (s: BenchSag) => `${url}/sag/${encodeURIComponent(s.kommune)}/${encodeURIComponent(s.sagsnummer)}`;
      const jsonOf = (s: BenchSag) => `${url}/sager/${encodeURIComponent(s.kommune)}/${encodeURIComponent(s.sagsnummer)}`;

      const sample = await timed(pageOf(pick()));
      const css = await timed(`${url}/assets/site.css`);
      const js = await timed(`${url}/assets/site.js`);
      const bytes = Buffer.byteLength(sample.body) + Buffer.byteLength(css.body) + Buffer.byteLength(js.body);
      console.log(
        `a sag page: HTML ${Buffer.byteLength(sample.body)} B + CSS ${Buffer.byteLength(css.body)} B + JS ${Buffer.byteLength(js.body)} B = ${bytes} B uncompressed (target ≤ ${TARGET_BYTES} B); Content-Encoding: page ${sample.encoding}, CSS ${css.encoding}, JS ${js.encoding}`,
      );
      if (!sample.encoding || !css.encoding) throw new Error('responses are not compressed');

      const warm = Math.min(500, SAMPLES);
      for (let i = 0; i < warm; i += 1) {
        const s = pick();
        await timed(pageOf(s));
        await timed(jsonOf(s));
      }
      const pageTimes: number[] = [];
      const jsonTimes: number[] = [];
      const plainTimes: number[] = [];
      for (let i = 0; i < SAMPLES; i += 1) {
        const s = pick();
        // Rotate which goes first, so none always meets a warmer cache.
        const runs = [
          async () => pageTimes.push((await timed(pageOf(s))).ms),
          async () => jsonTimes.push((await timed(jsonOf(s))).ms),
          async () => plainTimes.push((await timed(pageOf(s), 'identity')).ms),
        ];
        for (let k = 0; k < runs.length; k += 1) await (runs[(i + k) % runs.length] as () => Promise<number>)();
      }
      const json = summary('baseline: GET /sager/{k}/{n} (JSON, as served)', jsonTimes);
      const page = summary('sag page: GET /sag/{k}/{n} (HTML, compressed)', pageTimes);
      const plain = summary('for comparison: the page uncompressed', plainTimes);
      const ratio = page.p99 / json.p99;
      console.log(
        `page p99 / JSON p99 = ${ratio.toFixed(3)} (target ≤ ${TARGET_RATIO}); uncompressed ${(plain.p99 / json.p99).toFixed(3)}; ` +
          `page weight ${bytes} B (target ≤ ${TARGET_BYTES} B)`,
      );
      console.log(
        JSON.stringify({
          name: 'sag page p99 over HTTP vs the JSON of the same sager',
          value: round3(page.p99),
          unit: 'ms',
          baseline: round3(json.p99),
          ratio: Math.floor(ratio * 1000) / 1000,
          target: TARGET_RATIO,
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
