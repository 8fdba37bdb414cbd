import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { decodeMinutes, parseMinutes, type Classification, type ParsedItem, type ParsedMinutes } from '@sagsspor/referat';

/**
 * The two real minutes documents and what importing them must give live
 * outside the repo (/work/shared/referater, next to the checkout). The
 * importer is not part of this lib, so the timeline is derived here the way
 * the importer will: every decision block and "Sagens forløb" entry is a
 * treatment; an earlier postponed block of this committee followed by this
 * meeting's block means the item was resumed (genoptaget) today.
 */
const REPO_ROOT = path.resolve(__dirname, '../../..');
const SHARED = path.resolve(REPO_ROOT, '../shared/referater');
const available = existsSync(path.join(SHARED, 'expected.json'));
if (!available) console.warn(`real minutes not found at ${SHARED}; skipping the real-document test`);

interface ExpectedEntry {
  date: string;
  committee: string;
  kind: 'recommended' | 'decided' | 'genoptaget';
  outcome?: string | string[];
  item?: number;
  recommendedTo?: string;
}
interface Expected {
  documents: { file: string; kommune: string }[];
  sager: { kommune: string; sagsnummer: string; timeline: ExpectedEntry[] }[];
}
interface Entry {
  date: string;
  committee: string;
  kind: ExpectedEntry['kind'];
  outcome: string | null;
  item: number | null;
  recommendedTo: string | null;
}

function treatment(c: Classification, base: Omit<Entry, 'kind' | 'outcome' | 'recommendedTo'>, item: ParsedItem): Entry[] {
  if (c.step === 'none') return [];
  if (c.step === 'recommended') return [{ ...base, kind: 'recommended', outcome: null, recommendedTo: item.decidingBody }];
  return [{ ...base, kind: 'decided', outcome: c.outcome, recommendedTo: null }];
}

function timelineOf(m: ParsedMinutes, item: ParsedItem): Entry[] {
  const entries: Entry[] = [];
  for (const d of item.decisions) {
    const base = { date: d.date ?? m.meeting.date, committee: d.committee ?? m.committee.name, item: d.item };
    entries.push(...treatment(d.classification, base, item));
  }
  for (const h of item.history) entries.push(...treatment(h.classification, { date: h.date, committee: h.committee, item: null }, item));
  const resumed = item.decisions.some((d) => !d.current && d.classification.step === 'decided' && d.classification.outcome === 'postponed');
  const current = item.decisions.find((d) => d.current);
  if (resumed && current) {
    entries.push({
      date: m.meeting.date,
      committee: current.committee ?? m.committee.name,
      kind: 'genoptaget',
      outcome: null,
      item: current.item,
      recommendedTo: null,
    });
  }
  return entries;
}

const loose = (s: string): string => s.toLowerCase().replace(/&/g, 'og');

function matches(actual: Entry, expected: ExpectedEntry): boolean {
  if (actual.date !== expected.date || actual.kind !== expected.kind) return false;
  if (!loose(actual.committee).includes(loose(expected.committee))) return false;
  if (expected.item !== undefined && actual.item !== expected.item) return false;
  if (expected.recommendedTo !== undefined && !loose(actual.recommendedTo ?? '').includes(loose(expected.recommendedTo))) return false;
  if (expected.kind !== 'decided' || expected.outcome === undefined) return true;
  const outcomes = Array.isArray(expected.outcome) ? expected.outcome : [expected.outcome];
  return outcomes.includes(actual.outcome ?? '');
}

(available ? describe : describe.skip)('given the two real minutes documents', () => {
  const expected = available ? (JSON.parse(readFileSync(path.join(SHARED, 'expected.json'), 'utf8')) as Expected) : null;
  const parsed = new Map<string, ParsedMinutes>();
  for (const doc of expected?.documents ?? []) {
    // Parsed without an explicit kommune, so finding it in the text is tested too.
    parsed.set(doc.kommune, parseMinutes(decodeMinutes(readFileSync(path.join(SHARED, doc.file))), { documentName: doc.file }));
  }

  it('when parsed, then each names its kommune and has items with no unexpected warnings', () => {
    for (const [kommune, m] of parsed) {
      expect(m.kommune).toBe(kommune);
      expect(m.items.length).toBeGreaterThan(5);
      // PDF noise, and a decision whose class is inferred ("besluttede, at de, der ønsker det, kan deltage").
      expect(m.warnings.every((w) => w.message.startsWith('stray character') || w.message.startsWith('classification guessed'))).toBe(true);
    }
  });

  it.each((expected?.sager ?? []).map((s) => [s.kommune, s.sagsnummer, s] as const))(
    'when importing %s sag %s, then its treatments match expected.json',
    (kommune, sagsnummer, sag) => {
      const m = parsed.get(kommune);
      const item = m?.items.find((i) => i.sagsnummer === sagsnummer);
      expect(item).toBeDefined();
      if (!m || !item) return;
      const actual = timelineOf(m, item);
      for (const e of sag.timeline) {
        expect({ expected: e, found: actual.some((a) => matches(a, e)), actual }).toEqual(expect.objectContaining({ found: true }));
      }
      expect(actual).toHaveLength(sag.timeline.length);
    },
  );
});
