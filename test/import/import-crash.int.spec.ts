import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { SQLITE_FILE_NAME } from '@sagsspor/event-store';
import { generateCorpus } from '../../bench/import/minutes-generator';
import { tempDataDir } from '../support/api-harness';
import { ensureBuilt, exitOf, killAfterCounted, runCli, spawnCli } from '../support/built-cli';
import { openImporter, writeCorpus } from '../support/import-harness';

describe('an import killed at counted points of its work', () => {
  const corpusDir = path.join(tempDataDir('sagsspor-corpus-'), 'minutes');
  writeCorpus(corpusDir, generateCorpus({ documents: 200, bytesPerDocument: 20_000, seed: 11 }));
  const importArgs = ['import', '--kommune', 'Testrup', corpusDir];

  beforeAll(() => ensureBuilt());

  it('keeps exactly what was acknowledged before the kill, and a re-run completes it without duplicates', async () => {
    const clean = tempDataDir();
    expect(runCli(importArgs, clean).code).toBe(0);
    const reference = await openImporter(clean);
    const total = await reference.eventCount();
    const expected = await reference.histories();
    await reference.close();

    let seed = 5;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let round = 0; round < 6; round++) {
      // The n-th committed append, n drawn per round: far fewer than the corpus makes, so every kill lands mid-import.
      const n = 1 + Math.floor(random() * Math.min(150, total / 10));
      const crashed = tempDataDir();
      const kill = killAfterCounted('append', n);
      const ended = await exitOf(spawnCli(importArgs, crashed, kill.env));
      const report = kill.report();
      expect([round, ended.signal, report?.count]).toEqual([round, 'SIGKILL', n]);
      // Every event acknowledged before the kill is there, and nothing else.
      expect([round, countEvents(crashed)]).toEqual([round, report?.events]);
      expect(report?.events).toBeLessThan(total);
      expect(runCli(importArgs, crashed).code).toBe(0);
      const recovered = await openImporter(crashed);
      try {
        expect(await recovered.eventCount()).toBe(total);
        expect(await recovered.histories()).toEqual(expected);
      } finally {
        await recovered.close();
      }
    }
  }, 1_800_000); // a bound for a broken run, not a measure: the kills are counted
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
