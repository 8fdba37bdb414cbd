import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { SQLITE_FILE_NAME } from '@sagsspor/event-store';
import { generateCorpus } from '../../bench/import/minutes-generator';
import { tempDataDir } from '../support/api-harness';
import { ensureBuilt, killAfter, runCli, spawnCli } from '../support/built-cli';
import { openImporter, writeCorpus } from '../support/import-harness';

describe('an import killed at random points', () => {
  const corpusDir = path.join(tempDataDir('sagsspor-corpus-'), 'minutes');
  writeCorpus(corpusDir, generateCorpus({ documents: 200, bytesPerDocument: 20_000, seed: 11 }));
  const importArgs = ['import', '--kommune', 'Testrup', corpusDir];

  beforeAll(() => ensureBuilt());

  it('loses nothing already recorded, and a re-run completes it without duplicates', async () => {
    const clean = tempDataDir();
    const cleanRun = spawnCli(importArgs, clean);
    const writing = await untilWriting(cleanRun, clean);
    const started = Date.now();
    await new Promise((resolve) => cleanRun.once('exit', resolve));
    // How long the clean import spent writing: the kills below land inside that span.
    const writingMs = writing ? Date.now() - started : 1000;
    const reference = await openImporter(clean);
    const total = await reference.eventCount();
    const expected = await reference.histories();
    await reference.close();

    let seed = 5;
    const interruptedAt: number[] = [];
    for (let round = 0; round < 6; round++) {
      seed = (seed * 48271) % 2147483647;
      const crashed = tempDataDir();
      const child = spawnCli(importArgs, crashed);
      await untilWriting(child, crashed);
      await killAfter(child, Math.round(writingMs * (0.05 + (seed % 700) / 1000)));
      interruptedAt.push(countEvents(crashed));
      expect(runCli(importArgs, crashed).code).toBe(0);
      const recovered = await openImporter(crashed);
      try {
        expect(await recovered.eventCount()).toBe(total);
        expect(await recovered.histories()).toEqual(expected);
      } finally {
        await recovered.close();
      }
    }
    // The kills must really have interrupted imports half-way, or this proves nothing.
    expect(interruptedAt.filter((n) => n > 0 && n < total).length).toBeGreaterThanOrEqual(3);
  }, 240_000);
});

/** Resolves once the child has recorded its first events (true), or has exited first (false). */
async function untilWriting(child: ChildProcess, dataDir: string): Promise<boolean> {
  let exited = child.exitCode !== null;
  child.once('exit', () => (exited = true));
  while (!exited) {
    if (countEvents(dataDir) > 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return false;
}

function countEvents(dataDir: string): number {
  const file = path.join(dataDir, SQLITE_FILE_NAME);
  if (!fs.existsSync(file)) return 0;
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true });
    return (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  } catch {
    return 0; // the importer has not created its schema yet
  } finally {
    db?.close();
  }
}
