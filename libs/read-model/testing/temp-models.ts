import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from '@jest/globals';
import { SqliteReadModel } from '@sagsspor/read-model';

/** A temporary data directory. */
export function tempDataDir(prefix: string): { path: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { path: dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Embedded read models in temporary data directories, closed and removed
 * after each test of the describe block that calls this.
 */
export function tempReadModels(prefix: string): {
  dataDir(): string;
  open(dir?: string): SqliteReadModel;
} {
  const dirs: { remove(): void }[] = [];
  const models: SqliteReadModel[] = [];
  afterEach(async () => {
    for (const m of models.splice(0)) await m.close();
    for (const d of dirs.splice(0)) d.remove();
  });
  const dataDir = (): string => {
    const dir = tempDataDir(prefix);
    dirs.push(dir);
    return dir.path;
  };
  return {
    dataDir,
    open: (dir = dataDir()) => {
      const model = new SqliteReadModel(dir);
      models.push(model);
      return model;
    },
  };
}
