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
    const started = Date.now();
    expect(runCli(importArgs, clean).code).toBe(0);
    const duration = Date.now() - started;
    const reference = await openImporter(clean);
    const total = await reference.eventCount();
    const expected = await reference.histories();
    await reference.close();

    let seed = 5;
    const interruptedAt: number[] = [];
    for (let round = 0; round < 6; round++) {
      seed = (seed * 48271) % 2147483647;
      const crashed = tempDataDir();
      await killAfter(spawnCli(importArgs, crashed), Math.round(duration * (0.25 + (seed % 700) / 1000)));
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

function countEvents(dataDir: string): number {
  const file = path.join(dataDir, SQLITE_FILE_NAME);
  if (!fs.existsSync(file)) return 0;
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  } finally {
    db.close();
  }
}
