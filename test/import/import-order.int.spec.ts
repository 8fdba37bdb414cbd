import { generateCorpus } from '../../bench/import/minutes-generator';
import { tempDataDir } from '../support/api-harness';
import { openImporter } from '../support/import-harness';

const corpus = [...generateCorpus({ documents: 40, bytesPerDocument: 3000, seed: 7 })];

/** A fixed shuffle, so a failure can be replayed. */
function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

async function importAll(docs: readonly { name: string; text: string }[]) {
  const importer = await openImporter(tempDataDir());
  let appended = 0;
  for (const d of docs) appended += (await importer.importText(d.name, d.text, 'Testrup')).summary.eventsAppended;
  return { importer, appended };
}

describe('importing minutes', () => {
  it('gives identical histories whatever the order of the documents', async () => {
    const inOrder = await importAll(corpus);
    const reversed = await importAll([...corpus].reverse());
    const random = await importAll(shuffled(corpus, 3));
    try {
      const expected = await inOrder.importer.histories();
      expect(Object.keys(expected).length).toBeGreaterThan(50);
      expect(await reversed.importer.histories()).toEqual(expected);
      expect(await random.importer.histories()).toEqual(expected);
    } finally {
      await Promise.all([inOrder, reversed, random].map((r) => r.importer.close()));
    }
  });

  it('appends nothing when the same documents are imported again', async () => {
    const { importer, appended } = await importAll(corpus.slice(0, 10));
    try {
      expect(appended).toBeGreaterThan(0);
      const before = await importer.eventCount();
      for (const d of corpus.slice(0, 10)) {
        const { summary } = await importer.importText(d.name, d.text, 'Testrup');
        expect(summary.eventsAppended).toBe(0);
        expect(summary.duplicatesSkipped).toBe(summary.treatments);
      }
      expect(await importer.eventCount()).toBe(before);
    } finally {
      await importer.close();
    }
  });

  it('appends nothing when the same minutes arrive in NFD after NFC', async () => {
    const docs = corpus.slice(0, 6);
    const { importer, appended } = await importAll(docs.map((d) => ({ ...d, text: d.text.normalize('NFC') })));
    try {
      expect(appended).toBeGreaterThan(0);
      expect(docs.some((d) => d.text.normalize('NFD') !== d.text)).toBe(true);
      const before = await importer.eventCount();
      for (const d of docs) expect((await importer.importText(d.name, d.text.normalize('NFD'), 'Testrup')).summary.eventsAppended).toBe(0);
      expect(await importer.eventCount()).toBe(before);
    } finally {
      await importer.close();
    }
  });

  it("enriches a treatment first known from another committee's history with that committee's own minutes", async () => {
    const importer = await openImporter(tempDataDir());
    try {
      await importer.importText('ou.txt', OWN_LATER, 'Testrup');
      const before = (await importer.histories())['sag-testrup:24-000777'] as {
        timeline: { kind: string; item: number | null; evidence: string }[];
      };
      expect(before.timeline.filter((e) => e.kind === 'recommended')).toEqual([
        expect.objectContaining({ item: null, evidence: 'reference' }),
      ]);
      await importer.importText('sundhed.txt', EARLIER, 'Testrup');
      const after = (await importer.histories())['sag-testrup:24-000777'] as {
        timeline: { kind: string; date: string; item: number | null; evidence: string }[];
      };
      const sundhed = after.timeline.filter((e) => e.date === '2024-03-04');
      expect(sundhed.map((e) => [e.kind, e.item, e.evidence])).toEqual([
        ['proposed', 5, 'direct'],
        ['recommended', 5, 'direct'],
      ]);
    } finally {
      await importer.close();
    }
  });

  it('reports a file that is not minutes and records nothing from it', async () => {
    const importer = await openImporter(tempDataDir());
    try {
      const binary = await importer.importText('scan.pdf', Buffer.from([0x25, 0x50, 0x44, 0x46, 0, 1, 2, 3, 0, 0xff, 0xfe]));
      expect(binary.summary.failed).toEqual([expect.objectContaining({ document: 'scan.pdf', code: 'referat.not-minutes' })]);
      const prose = await importer.importText('notes.txt', 'Husk at købe mælk.\nOg brød.\n', 'Testrup');
      expect(prose.summary.failed[0]).toMatchObject({ document: 'notes.txt', line: expect.any(Number) });
      const empty = await importer.importText('empty.txt', '', 'Testrup');
      expect(empty.summary.failed[0]?.message).toMatch(/empty/i);
      expect(await importer.eventCount()).toBe(0);
    } finally {
      await importer.close();
    }
  });
});

const EARLIER = `REFERAT Sundhedsudvalget - 2022-2025 d. 04-03-2024

Mødedato Mandag d. 04. marts 2024 kl. 15:00

Punkt 5: Ny sundhedsstrategi

24-000777

Beslutning

Indstillingen anbefales.

Indstilling

Direktionen indstiller:

1. at strategien anbefales godkendt.

Beslutningskompetence

Økonomiudvalget
`;

const OWN_LATER = `REFERAT Økonomiudvalget - 2022-2025 d. 20-03-2024

Mødedato Onsdag d. 20. marts 2024 kl. 15:00

Punkt 9: Ny sundhedsstrategi

24-000777

Beslutning

Godkendt.

Indstilling

Direktionen indstiller:

1. at strategien godkendes.

Beslutningskompetence

Økonomiudvalget

Sagens forløb

04-03-2024 Sundhedsudvalget - 2022-2025

Indstillingen anbefales.
`;
