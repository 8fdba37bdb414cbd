import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from '@jest/globals';
import { SqliteReadModel } from '@sagsspor/read-model';

export type SqliteReadModelOptions = ConstructorParameters<typeof SqliteReadModel>[1];

/**
 * Embedded read models in temporary data directories, closed and removed
 * after each test of the describe block that calls this.
 */
export function tempReadModels(prefix: string): {
  dataDir(): string;
  open(dir?: string, options?: SqliteReadModelOptions): SqliteReadModel;
} {
  const dirs: string[] = [];
  const models: SqliteReadModel[] = [];
  afterEach(async () => {
    for (const m of models.splice(0)) await m.close();
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  const dataDir = (): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
  return {
    dataDir,
    open: (dir = dataDir(), options = {}) => {
      const model = new SqliteReadModel(dir, options);
      models.push(model);
      return model;
    },
  };
}
