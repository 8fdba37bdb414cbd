import http from 'node:http';

export interface LoadTarget {
  readonly port: number;
  readonly path: string;
  readonly headers: Record<string, string>;
}

/**
 * Closed-loop load: `connections` keep-alive connections, each sending the
 * next request as soon as the previous answer is read. Returns requests per
 * second over the window; any status other than 200 fails the run (a benchmark
 * of refusals would measure nothing).
 */
export async function measure(target: LoadTarget, connections: number, seconds: number): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const deadline = Date.now() + seconds * 1000;
  let done = 0;
  const started = process.hrtime.bigint();
  const loop = async (): Promise<void> => {
    while (Date.now() < deadline) {
      await get(agent, target);
      done++;
    }
  };
  try {
    await Promise.all(Array.from({ length: connections }, loop));
  } finally {
    agent.destroy();
  }
  return done / (Number(process.hrtime.bigint() - started) / 1e9);
}

function get(agent: http.Agent, target: LoadTarget): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: target.port, path: target.path, headers: target.headers, agent }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`GET ${target.path}: ${res.statusCode}`));
      res.on('data', () => undefined);
      res.on('end', () => resolve());
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
