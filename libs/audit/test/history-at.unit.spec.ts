import type { SagHistoryAt } from '../src/history-at';
import { historyAt, knownBy, treatedBy } from '../src/history-at';
import { parseCut } from '../src/cut';
import { approve, jobs, oekonomi, propose, recommend, recordSteps, social } from './fixtures';

const importA = { kind: 'import', document: 'jai-2024-02-07.pdf', sha256: 'a'.repeat(64) };
const importC = { kind: 'import', document: 'ssae-2024-02-05.pdf', sha256: 'c'.repeat(64) };

/**
 * Recorded over four days; the social committee's recommendation is first
 * known from another committee's "Sagens forløb" (a reference, rev 3) and
 * replaced when its own minutes arrive (rev 6, superseding rev 3).
 */
const recorded = recordSteps(
  [
    { command: propose(social), recordedAt: '2024-02-05T09:15:00.000Z' },
    { command: recommend(jobs, 'Indstillingen anbefales'), recordedAt: '2024-02-08T10:00:00.000Z', source: importA },
    { command: recommend({ ...social, item: null, evidence: 'reference' }), recordedAt: '2024-02-08T10:00:01.000Z', source: importA },
    { command: approve(oekonomi), recordedAt: '2024-02-22T08:30:00.000Z' },
    { command: recommend(social, 'Indstillingen anbefales'), recordedAt: '2024-02-26T13:45:00.000Z', source: importC },
  ],
  2,
);

const at = (cut: { asOf?: string; knownAt?: string }): SagHistoryAt | null => historyAt(recorded, parseCut(cut));
const rows = (h: SagHistoryAt | null) =>
  h?.timeline.map((e) => `${e.date} ${e.committeeKey.slice(0, 6)} ${e.kind} r${e.provenance.revision}`);

describe('historyAt', () => {
  it('records the fixture as intended: seven events, the last superseding the reference', () => {
    expect(recorded.map((r) => [r.provenance.revision, r.provenance.position, r.event.data.supersedes !== null])).toEqual([
      [0, '2', false],
      [1, '4', false],
      [2, '6', false],
      [3, '8', false],
      [4, '10', false],
      [5, '12', false],
      [6, '14', true],
    ]);
  });

  it('without a cut is the full history, with null cut fields', () => {
    const h = at({});
    expect(h).toMatchObject({ revision: 6, asOf: null, knownAt: null, status: 'decided' });
    expect(rows(h)).toEqual([
      '2024-02-05 social proposed r0',
      '2024-02-05 social recommended r6',
      '2024-02-07 job, a proposed r1',
      '2024-02-07 job, a recommended r2',
      '2024-02-21 økonom proposed r4',
      '2024-02-21 økonom decided r5',
    ]);
  });

  it('asOf keeps the treatments at meetings on or before the date, as known now', () => {
    const h = at({ asOf: '2024-02-06' });
    expect(h).toMatchObject({ asOf: '2024-02-06', knownAt: null, status: 'recommended', revision: 6 });
    expect(rows(h)).toEqual(['2024-02-05 social proposed r0', '2024-02-05 social recommended r6']);
    expect(rows(at({ asOf: '2024-02-07' }))).toHaveLength(4);
    expect(rows(at({ asOf: '2024-02-21' }))).toHaveLength(6);
  });

  it('knownAt by instant shows what had been recorded, with the superseded reference still in place', () => {
    const h = at({ knownAt: '2024-02-25T00:00:00+01:00' });
    expect(h).toMatchObject({ revision: 5, knownAt: '2024-02-24T23:00:00.000Z', status: 'decided' });
    expect(rows(h)).toContain('2024-02-05 social recommended r3');
    const reference = h?.timeline.find((e) => e.kind === 'recommended' && e.committeeKey.startsWith('social'));
    expect(reference).toMatchObject({ item: null, evidence: 'reference', provenance: { source: importA } });
  });

  it('knownAt is inclusive to the millisecond', () => {
    expect(at({ knownAt: '2024-02-26T13:45:00Z' })?.revision).toBe(6);
    expect(at({ knownAt: '2024-02-26T14:44:59.999+01:00' })?.revision).toBe(5);
  });

  it("knownAt by global position is inclusive, and a position between this stream's events cuts between them", () => {
    expect(at({ knownAt: '8' })?.revision).toBe(3);
    expect(at({ knownAt: '9' })?.revision).toBe(3);
    expect(at({ knownAt: '14' })?.revision).toBe(6);
    expect(at({ knownAt: '1' })).toBeNull();
  });

  it('both cuts: what had been recorded by then of the treatments up to the date', () => {
    const h = at({ asOf: '2024-02-06', knownAt: '2024-02-09T00:00:00Z' });
    expect(h).toMatchObject({ asOf: '2024-02-06', knownAt: '2024-02-09T00:00:00.000Z', revision: 3, status: 'recommended' });
    expect(rows(h)).toEqual(['2024-02-05 social proposed r0', '2024-02-05 social recommended r3']);
  });

  it('is null when nothing is left by the cut', () => {
    expect(at({ asOf: '2024-02-04' })).toBeNull();
    expect(at({ knownAt: '2024-02-05T09:14:59.999Z' })).toBeNull();
    expect(at({ asOf: '2024-02-21', knownAt: '2024-02-05T12:00:00Z' })?.timeline).toHaveLength(1);
    expect(at({ asOf: '2024-02-04', knownAt: '2024-03-01T00:00:00Z' })).toBeNull();
  });

  it('takes the record-time cut as a stream prefix, even when a clock went backwards', () => {
    const skewed = recorded.map((r, i) =>
      i === 2 ? { ...r, provenance: { ...r.provenance, recordedAt: '2024-03-01T00:00:00.000Z' } } : r,
    );
    const cut = parseCut({ knownAt: '2024-02-25T00:00:00Z' }).knownAt;
    expect(knownBy(skewed, cut).map((r) => r.provenance.revision)).toEqual([0, 1]);
    expect(knownBy(recorded, null)).toBe(recorded);
    expect(treatedBy(recorded, null)).toBe(recorded);
  });
});
