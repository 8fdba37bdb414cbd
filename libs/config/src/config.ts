import * as path from 'node:path';

/** Everything the processes read from the environment, read in one place. */
export interface SagssporConfig {
  readonly dataDir: string;
  readonly eventStoreUrl: string | null;
  readonly mongodbUrl: string | null;
  readonly port: number;
  readonly host: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): SagssporConfig {
  return {
    dataDir: path.resolve(env.SAGSSPOR_DATA_DIR || './data'),
    eventStoreUrl: env.EVENTSTORE_URL || null,
    mongodbUrl: env.MONGODB_URL || null,
    port: parsePort(env.PORT),
    host: env.HOST || '0.0.0.0',
  };
}

function parsePort(raw: string | undefined): number {
  if (!raw) return 3000;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${raw}"`);
  return port;
}
