import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

/**
 * Latency over HTTP as a client sees it: the requests are made from a worker
 * thread, one at a time, so the client's own work (undici, decoding) runs on
 * an event loop of its own, as any real client's does, and not in the
 * server's turns. Returns each request's milliseconds, in request order.
 */
export function httpLatencies(url: string, paths: readonly string[]): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'http-latency.js'), { workerData: { url, paths } satisfies ClientJob });
    worker.once('message', (times: number[]) => resolve(times));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the HTTP client thread exited with ${code}`));
    });
  });
}

interface ClientJob {
  readonly url: string;
  readonly paths: readonly string[];
}

async function runClient({ url, paths }: ClientJob): Promise<number[]> {
  const times: number[] = [];
  for (const p of paths) {
    const started = process.hrtime.bigint();
    const res = await fetch(`${url}${p}`);
    await res.text();
    if (res.status !== 200) throw new Error(`GET ${p}: ${res.status}`);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return times;
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  runClient(workerData as ClientJob).then(
    (times) => port.postMessage(times),
    (error: unknown) => {
      throw error;
    },
  );
}
