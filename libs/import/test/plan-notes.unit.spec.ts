import * as fs from 'node:fs';
import * as path from 'node:path';
import { planImport } from '@sagsspor/import';
import { parseMinutes } from '@sagsspor/referat';
import type { SagCommand } from '@sagsspor/sag';

const FIXTURES = path.join(__dirname, '..', '..', 'referat', 'test', 'fixtures');
const read = (name: string) => parseMinutes(fs.readFileSync(path.join(FIXTURES, name), 'utf8'), { documentName: name });

const qualityOf = (c: SagCommand | undefined) => (c?.data as { quality?: unknown } | undefined)?.quality;

describe('planning an import keeps each warning with the record it concerns', () => {
  const plan = planImport(read('votes-and-context.txt'), 'Søvang', 'bi.txt');
  const budget = plan.sager.find((s) => s.sag.sagsnummer === '24-003104');

  it('given two items with one sag number, then both are planned with their own titles, and the warning goes with the second one', () => {
    const commands = (budget?.commands ?? []).filter((c): c is SagCommand => c.type !== 'RecordRoute');
    expect(commands.map((c) => [c.type, c.data.treatment.item])).toEqual([
      ['RecommendSag', 4],
      ['DecideSag', 7],
    ]);
    expect(commands.map((c) => (c.data as { proposal?: { title: string } }).proposal?.title)).toEqual([
      'BI - Budget 2025 for beskæftigelse',
      'BI - Budget 2025, tillæg om kontanthjælp',
    ]);
    expect(qualityOf(commands[0])).toBeUndefined();
    expect(qualityOf(commands[1])).toEqual([
      {
        document: 'bi.txt',
        line: expect.any(Number),
        message: 'item 7 has the same sag number (24-003104) as item 4: two treatments of one sag in this meeting',
      },
    ]);
  });

  it('given a vote and an absence, then the command carries them', () => {
    expect(budget?.commands[0]?.data).toMatchObject({
      votes: { for: ['V', 'B', 'A'], against: ['O'], abstained: [], notTakingPart: [] },
      absent: ['Jens Olsen'],
    });
  });

  it('given wording nobody recognises, then it is one warning for the item, kept with the decision it concerns', () => {
    const text = fs
      .readFileSync(path.join(FIXTURES, 'votes-and-context.txt'), 'utf8')
      .replace('Forvaltningen orienterede om status på rekrutteringen af sagsbehandlere.', 'Udvalget ønsker en ny sag i juni.');
    const odd = planImport(parseMinutes(text, { documentName: 'bi.txt' }), 'Søvang', 'bi.txt');
    const item6 = odd.warnings.filter((w) => w.item === 6);
    expect(item6.map((w) => w.message)).toEqual([
      'decision wording not recognised, classified "other": "Udvalget ønsker en ny sag i juni."',
    ]);
    const decision = odd.sager.find((s) => s.sag.sagsnummer === '24-003106')?.commands.find((c) => c.type === 'DecideSag');
    expect(qualityOf(decision)).toEqual([{ document: 'bi.txt', line: item6[0]?.line, message: item6[0]?.message }]);
  });
});
