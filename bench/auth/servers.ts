import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

/** The built API (dist/apps/api/src/main.js), next to this compiled bench. */
const API_MAIN = path.resolve(__dirname, '..', '..', 'apps', 'api', 'src', 'main.js');

export interface BenchServer {
  readonly port: number;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** One API process on loopback; quiet logs and no rate limit, so only authentication differs between the two. */
export async function startServer(dataDir: string, env: Record<string, string>): Promise<BenchServer> {
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    SAGSSPOR_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    SAGSSPOR_LOG_LEVEL: 'silent',
    SAGSSPOR_RATE_LIMIT: 'off',
    SAGSSPOR_WEBHOOK_DISPATCHER: 'off',
    ...env,
  };
  delete childEnv['EVENTSTORE_URL'];
  const child: ChildProcess = spawn(process.execPath, [API_MAIN], { env: childEnv, stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 30_000;
  while (
    !(await fetch(`http://127.0.0.1:${port}/health`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the API on port ${port} did not start`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
