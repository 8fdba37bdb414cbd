import { spawn, type ChildProcess } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { ROOT } from '../../support/built-cli';
import { TEST_WEBHOOK_SECRET_KEY } from '../../support/test-secrets';

export const API_MAIN = path.join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');

export interface ApiProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Output so far (stdout and stderr): the structured log. */
  output(): string;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** A port nobody listens on right now, chosen by the kernel; the API then binds it explicitly. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The built API as a child process on loopback, answering /health before this resolves. */
export async function startApiProcess(
  dataDir: string,
  env: Record<string, string> = {},
  options: { readonly stdout?: number } = {},
): Promise<ApiProcess> {
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    SAGSSPOR_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    SAGSSPOR_AUTH: 'off',
    SAGSSPOR_RATE_LIMIT: 'off',
    SAGSSPOR_LOG_LEVEL: 'warn',
    SAGSSPOR_WEBHOOK_SECRET_KEY: TEST_WEBHOOK_SECRET_KEY,
    ...env,
  };
  // Never a server's database: the embedded store in this test's own directory.
  delete childEnv.EVENTSTORE_URL;
  delete childEnv.MONGODB_URL;
  const child = spawn(process.execPath, [API_MAIN], { cwd: ROOT, env: childEnv, stdio: ['ignore', options.stdout ?? 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  // Started when it answers: the bound only stops a broken start from hanging the run, it never times a healthy one.
  const giveUp = Date.now() + 240_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`the API exited with ${child.exitCode ?? child.signalCode}:\n${output}`);
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > giveUp) {
      child.kill('SIGKILL');
      throw new Error(`the API did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    child,
    output: () => output,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
