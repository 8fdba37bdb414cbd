import { loadConfig } from '@sagsspor/config';
import type { ReadModelStore } from './port';
import { SqliteReadModel } from './sqlite/sqlite-read-model';

export interface ReadModelConfig {
  /** MongoDB when set; the embedded SQLite file in dataDir otherwise. */
  readonly mongodbUrl: string | null;
  readonly dataDir: string;
  /**
   * Whether the server projects in its own process. Default: yes on the
   * embedded store (one process serves one municipality), no with MongoDB
   * (apps/projector runs beside the servers). SAGSSPOR_PROJECTOR=in-process|off.
   */
  readonly inProcessProjector: boolean;
}

export function readModelConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ReadModelConfig {
  const config = loadConfig(env);
  const setting = env['SAGSSPOR_PROJECTOR']?.trim();
  if (setting && setting !== 'in-process' && setting !== 'off')
    throw new Error(`SAGSSPOR_PROJECTOR must be in-process or off, not "${setting}"`);
  return {
    mongodbUrl: config.mongodbUrl,
    dataDir: config.dataDir,
    inProcessProjector: setting ? setting === 'in-process' : config.mongodbUrl === null,
  };
}

export function openReadModel(config: ReadModelConfig = readModelConfigFromEnv()): ReadModelStore {
  if (!config.mongodbUrl) return new SqliteReadModel(config.dataDir);
  // Loaded only when used: the driver costs every process that loads it ~20 MB (a rebuild has 300).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { MongoReadModel } = require('@sagsspor/read-model-mongo') as typeof import('@sagsspor/read-model-mongo');
  return new MongoReadModel(config.mongodbUrl);
}
