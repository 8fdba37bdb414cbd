import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateCorpus, type GeneratedDocument } from '../../bench/import/minutes-generator';
import { tempDataDir } from '../support/api-harness';
import { ensureBuilt, killAfterCounted, ROOT, runCli } from '../support/built-cli';
import { startApiProcess, type ApiProcess } from './support/api-process';
import { gapsIn, historiesOf, readEventLog } from './support/event-log';

const ROUNDS = 12;
/** Rounds run this many at a time, each with its own process, port and data directory. */
const LANES = 3;
const KOMMUNE = 'Testrup';
const corpus: GeneratedDocument[] = [...generateCorpus({ documents: 30, bytesPerDocument: 6_000, seed: 23, kommune: KOMMUNE })];
/** The read side (projector in the server, `cli rebuild`) is checked when it is there. */
const READ_SIDE = fs.existsSync(path.join(ROOT, 'dist', 'apps', 'cli', 'src', 'commands', 'rebuild.js'));

/** Posts the documents in order, one at a time; stops quietly when the server goes away. */
async function importAll(api: ApiProcess, docs: readonly GeneratedDocument[]): Promise<number> {
  let done = 0;
  for (const doc of docs) {
    const res = await fetch(`${api.url}/imports?kommune=${KOMMUNE}&name=${encodeURIComponent(doc.name)}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: doc.text,
    }).catch(() => null);
    if (res === null) return done;
    if (res.status !== 200) throw new Error(`${doc.name}: ${res.status} ${await res.text()}`);
    done++;
  }
  return done;
}

/** The sager list as the read model answers it, without revisions (the one field arrival order may change). */
function readModel(dataDir: string): unknown {
  const res = runCli(['sager', '--kommune', KOMMUNE, '--limit', '500', '--json'], dataDir);
  if (res.code !== 0) throw new Error(`cli sager: ${res.code} ${res.stderr}`);
  const page = JSON.parse(res.stdout) as { items: Array<Record<string, unknown>> };
  return page.items.map(({ revision: _r, ...rest }) => rest);
}

describe('the API killed (SIGKILL) at counted points during an import', () => {
  beforeAll(() => ensureBuilt());

  it(`loses and duplicates no treatment over ${ROUNDS} rounds of kill, restart and re-run`, async () => {
    const clean = tempDataDir('sagsspor-clean-');
    const reference = await startApiProcess(clean);
    expect(await importAll(reference, corpus)).toBe(corpus.length);
    await reference.kill('SIGTERM');
    const cleanLog = readEventLog(clean);
    const expected = historiesOf(cleanLog);
    const expectedReadModel = READ_SIDE ? readModel(clean) : null;

    let seed = 20240611;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    // The server kills itself after its n-th committed append, n drawn per round: by work done, never by the clock.
    const killAfter = Array.from({ length: ROUNDS }, () => 1 + Math.floor(random() * Math.min(60, cleanLog.length / 10)));

    const round = async (r: number): Promise<void> => {
      const dataDir = tempDataDir('sagsspor-killed-');
      const kill = killAfterCounted('append', killAfter[r] as number);
      const api = await startApiProcess(dataDir, kill.env);
      expect(await importAll(api, corpus)).toBeLessThan(corpus.length);
      await api.kill('SIGKILL');
      const report = kill.report();
      expect([r, api.child.signalCode, report?.count]).toEqual([r, 'SIGKILL', killAfter[r]]);
      // Exactly what was acknowledged before the kill, nothing lost, nothing half-written.
      expect([r, readEventLog(dataDir).length]).toEqual([r, report?.events]);

      const restarted = await startApiProcess(dataDir);
      expect(await importAll(restarted, corpus)).toBe(corpus.length);
      await restarted.kill('SIGTERM');

      const log = readEventLog(dataDir);
      expect([r, log.length, gapsIn(log)]).toEqual([r, cleanLog.length, []]);
      expect(new Set(log.map((e) => e.eventId))).toEqual(new Set(cleanLog.map((e) => e.eventId)));
      expect(historiesOf(log)).toEqual(expected);
      if (READ_SIDE) {
        // The server's projector died with it: its read model must still end up as a clean import's.
        expect(readModel(dataDir)).toEqual(expectedReadModel);
        if (r % 4 === 3) {
          expect(runCli(['rebuild', '--json'], dataDir).code).toBe(0);
          expect(readModel(dataDir)).toEqual(expectedReadModel);
        }
      }
    };
    let next = 0;
    await Promise.all(
      Array.from({ length: LANES }, async () => {
        for (let r = next++; r < ROUNDS; r = next++) await round(r);
      }),
    );
  }, 1_800_000); // a bound for a broken run, not a measure: the kills are counted
});
