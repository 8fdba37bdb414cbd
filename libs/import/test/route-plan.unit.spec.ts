import { planImport } from '@sagsspor/import';
import { parseMinutes } from '@sagsspor/referat';
import type { RecordRoute, SagCommand } from '@sagsspor/sag';

/** Minutes of our own, in the formats of the domain notes. */
function minutes(committee: string, items: string[]): string {
  return [
    `REFERAT ${committee} d. 02-09-2024`,
    '',
    'Mødedato Mandag d. 2. september 2024 kl. 16:00',
    '',
    'Mødedeltagere Anne Holm, Bo Lund',
    '',
    ...items,
  ].join('\n');
}

const item = (n: number, title: string, sagsnummer: string, body: string[]) =>
  [`Punkt ${n}: ${title}`, '', `Sagsnr.: ${sagsnummer}`, '', ...body, ''].join('\n');

function plan(text: string) {
  const p = planImport(parseMinutes(text, { documentName: 'm.txt' }), 'Søvang', 'm.txt');
  const routes = new Map<string, RecordRoute['data']>();
  const commands = new Map<string, SagCommand[]>();
  for (const s of p.sager) {
    const route = s.commands.find((c): c is RecordRoute => c.type === 'RecordRoute');
    if (route) routes.set(s.sag.sagsnummer, route.data);
    commands.set(
      s.sag.sagsnummer,
      s.commands.filter((c): c is SagCommand => c.type !== 'RecordRoute'),
    );
  }
  return { routes, commands, warnings: p.warnings };
}

const names = (stops: readonly { committee: string }[]) => stops.map((s) => s.committee);

describe("reading an item's route from minutes", () => {
  const text = minutes('Social- og Beskæftigelsesudvalget - 2022-2025', [
    item(1, 'SBU - Ny boligsocial plan', '24-1', [
      'Beslutning',
      '',
      'Indstillingen anbefales.',
      '',
      'Kompetence: Børne- og Ungeudvalget samt Byrådet',
      '',
      'Forventet sagsgang: SBU, ØU, KFU',
    ]),
    item(2, 'SBU - Orientering om ventelister', '24-2', ['Beslutning', '', 'Taget til efterretning.']),
    item(3, 'SBU/BUU - Fælles handleplan', '24-3', [
      'Beslutning',
      '',
      'Indstillingen anbefales.',
      '',
      'Indstilling',
      '',
      'Direktionen indstiller til økonomiudvalget og byrådet, at handleplanen godkendes.',
    ]),
  ]);
  const { routes, commands, warnings } = plan(text);

  it('given "Kompetence: A samt B" and "Forventet sagsgang: SBU, ØU, KFU", then two deciding bodies and the planned stops resolved by what the document names, each source with its line', () => {
    const r = routes.get('24-1');
    expect(names(r?.decidingBodies ?? [])).toEqual(['Børne- og Ungeudvalget', 'Byrådet']);
    expect(r?.via).toEqual([
      { committee: 'Social- og Beskæftigelsesudvalget', committeeKey: 'social og beskæftigelsesudvalget' },
      { committee: 'Økonomiudvalget', committeeKey: 'økonomiudvalget' },
      { committee: 'KFU' },
    ]);
    expect(r?.sources.map((s) => [s.kind, s.text, s.line])).toEqual([
      ['sagsgang', 'SBU, ØU, KFU', 17],
      ['beslutningskompetence', 'Børne- og Ungeudvalget samt Byrådet', 15],
    ]);
    expect(r?.effectiveDate).toBe('2024-09-02');
  });

  it('given an abbreviation the document cannot resolve, then a warning with its line, and the stop kept as printed', () => {
    expect(warnings).toEqual([
      expect.objectContaining({ line: 17, item: 1, sagsnummer: '24-1', message: expect.stringContaining('"KFU"') }),
    ]);
  });

  it("given a lone abbreviation prefix (the committee's own label) and nothing else, then no route", () => {
    expect(routes.has('24-2')).toBe(false);
  });

  it('given "indstiller til økonomiudvalget og byrådet" and a two-committee prefix, then via both and on to the council; the recommendation goes to the council', () => {
    const r = routes.get('24-3');
    expect(names(r?.via ?? [])).toEqual(['Økonomiudvalget', 'Social- og Beskæftigelsesudvalget', 'Børne- og Ungeudvalget']);
    expect(names(r?.decidingBodies ?? [])).toEqual(['Byrådet']);
    expect(commands.get('24-3')?.find((c) => c.type === 'RecommendSag')?.data).toMatchObject({ recommendedTo: 'Byrådet' });
  });
});
