import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { redactHistory } from '@sagsspor/access';
import type { SagHistory } from '@sagsspor/sag';
import { tempDataDir } from '../support/api-harness';
import { ensureBuilt, runCli } from '../support/built-cli';
import { openImporter, type Importer } from '../support/import-harness';

/** Two versions of one meeting's minutes, written for this test: v2 changes one decision's text and one's outcome, drops item 3, adds item 5. */
const FIXTURES = path.join(__dirname, 'fixtures', 'versions');
const v1 = { name: 'tmu-2024-03-04-v1.txt', text: fs.readFileSync(path.join(FIXTURES, 'tmu-2024-03-04-v1.txt')) };
const v2 = { name: 'tmu-2024-03-04-v2.txt', text: fs.readFileSync(path.join(FIXTURES, 'tmu-2024-03-04-v2.txt')) };
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const SAGER = ['24-001101', '24-001102', '24-001103', '24-001104', '24-001105'];
const sag = (sagsnummer: string) => ({ kommune: 'Lejre', sagsnummer });

async function withImporter<T>(dir: string, work: (i: Importer) => Promise<T>): Promise<T> {
  const importer = await openImporter(dir);
  try {
    return await work(importer);
  } finally {
    await importer.close();
  }
}

/**
 * What a reader sees of every sag now (no audit trail, no provenance, no
 * revision): the final history. Data-quality notes are left out: they say how
 * a document was read (v2's item numbers jump from 2 to 4), not what was decided.
 */
async function readerView(i: Importer): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const n of SAGER) {
    const h = await i.history(sag(n)).catch(() => null);
    if (!h) continue;
    const shown = redactHistory(h, false) as SagHistory;
    out[n] = {
      ...shown,
      revision: undefined,
      quality: undefined,
      timeline: shown.timeline.map(({ provenance: _p, corrected: _c, correction: _x, quality: _q, ...e }) => e),
    };
  }
  return out;
}

describe('re-published minutes: a second version of the same meeting', () => {
  const dir = tempDataDir();
  let afterV1: Record<string, SagHistory>;
  let headAfterV1: bigint;

  beforeAll(async () => {
    ensureBuilt();
    await withImporter(dir, async (i) => {
      const { summary } = await i.importText(v1.name, v1.text);
      expect(summary).toMatchObject({ failed: [], corrections: 0, withdrawals: 0 });
      afterV1 = Object.fromEntries(await Promise.all(SAGER.slice(0, 4).map(async (n) => [n, await i.history(sag(n))] as const)));
      const events = await i.events();
      headAfterV1 = (events[events.length - 1] as { position: bigint }).position;
    });
  });

  it('--dry-run shows the corrections and the withdrawal it would make, and records nothing', async () => {
    const before = await withImporter(dir, (i) => i.eventCount());
    const run = runCli(['import', '--dry-run', '--json', path.join(FIXTURES, v2.name)], dir);
    expect(run.code).toBe(0);
    const [doc] = JSON.parse(run.stdout) as {
      version: unknown;
      corrections: { kind: string; sagsnummer: string; step: string; before: any; after: any }[];
    }[];
    expect(doc?.version).toMatchObject({ verdict: 'newer', sha256: sha(v2.text), replaces: sha(v1.text) });
    expect(doc?.corrections.map((c) => [c.kind, c.sagsnummer, c.step, c.before?.outcome, c.after?.outcome])).toEqual([
      ['corrected', '24-001101', 'decided', 'approved', 'approved'],
      ['corrected', '24-001102', 'decided', 'approved', 'postponed'],
      ['withdrawn', '24-001103', 'decided', 'noted', undefined],
    ]);
    expect(await withImporter(dir, (i) => i.eventCount())).toBe(before);
  });

  it('records exactly the two corrections, the one withdrawal and the added item; nothing else', async () => {
    await withImporter(dir, async (i) => {
      const { summary } = await i.importText(v2.name, v2.text);
      expect(summary).toMatchObject({ failed: [], corrections: 2, withdrawals: 1 });
      const appended = (await i.events()).filter((e) => e.position > headAfterV1);
      expect(appended.map((e) => [e.streamName.split(':').pop(), e.type])).toEqual([
        ['24-001101', 'SagTreatmentCorrected.v1'],
        ['24-001102', 'SagTreatmentCorrected.v1'],
        ['24-001105', 'SagProposed.v2'],
        ['24-001105', 'SagDecided.v2'],
        ['24-001103', 'SagTreatmentWithdrawn.v1'],
        ['2024-03-04', 'MinutesVersionImported.v1'],
      ]);
      const corrected = appended.find((e) => e.streamName.endsWith('24-001102'));
      expect(corrected?.data).toMatchObject({ step: 'decided', outcome: 'postponed', text: 'Udsat til næste møde.' });
      expect(corrected?.data['correction']).toMatchObject({ source: { kind: 'document', name: v2.name, sha256: sha(v2.text) } });

      const h2 = await i.history(sag('24-001102'));
      expect(h2.status).toBe('postponed');
      expect(h2.timeline.find((e) => e.kind === 'decided')).toMatchObject({
        outcome: 'postponed',
        corrected: true,
        versions: [{ outcome: 'approved', text: 'Godkendt.', provenance: { source: { document: v1.name, sha256: sha(v1.text) } } }],
      });
      const gone = await i.history(sag('24-001103'));
      expect(gone.timeline.map((e) => [e.kind, Boolean(e.withdrawn)])).toEqual([
        ['proposed', true],
        ['decided', true],
      ]);
      expect(redactHistory(gone, false).timeline).toEqual([]);
    });
  });

  it('re-importing either version appends nothing', async () => {
    await withImporter(dir, async (i) => {
      const before = await i.eventCount();
      for (const v of [v1, v2, v1])
        expect((await i.importText(v.name, v.text)).summary).toMatchObject({ eventsAppended: 0, versionsSkipped: 1 });
      expect(await i.eventCount()).toBe(before);
    });
  });

  it('as known between the imports, every sag reads exactly as it did after the first', async () => {
    await withImporter(dir, async (i) => {
      for (const n of SAGER.slice(0, 4)) {
        const { knownAt: _k, ...then } = (await i.history(sag(n), headAfterV1)) as SagHistory & { knownAt: unknown };
        const { knownAt: _k1, asOf: _a, ...expected } = afterV1[n] as SagHistory & { knownAt: unknown; asOf: unknown };
        expect({ ...then, asOf: undefined }).toEqual({ ...expected, asOf: undefined });
      }
    });
  });

  it('verify is ok: the chain covers corrections, withdrawals and the versions', () => {
    const run = runCli(['verify', '--json'], dir);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, brokenCount: 0 });
  });

  it('in the other order, the newer first with --replaces, the final history is the same', async () => {
    const other = tempDataDir();
    const first = runCli(['import', '--json', '--replaces', sha(v1.text), path.join(FIXTURES, v2.name)], other);
    expect(first.code).toBe(0);
    const second = runCli(['import', '--json', path.join(FIXTURES, v1.name)], other);
    expect(second.code).toBe(0);
    const final = await withImporter(other, async (i) => {
      const before = await i.eventCount();
      for (const v of [v1, v2]) expect((await i.importText(v.name, v.text)).summary.eventsAppended).toBe(0);
      expect(await i.eventCount()).toBe(before);
      return readerView(i);
    });
    expect(final).toEqual(await withImporter(dir, readerView));
    expect(Object.keys(final)).toEqual(SAGER);
    const gone = await withImporter(other, (i) => i.history(sag('24-001103')));
    expect(gone.timeline.every((e) => e.withdrawn)).toBe(true);
    expect(JSON.parse(runCli(['verify', '--json'], other).stdout)).toMatchObject({ ok: true });
  });
});
