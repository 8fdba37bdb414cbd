/**
 * Minutes written for these tests in the formats of the domain notes (an
 * invented kommune, Søvang): a route printed in another order than the
 * committees meet, an unplanned committee, a final decision that skips a
 * planned stop, another body's lower-case "Beslutning ..." block, and the
 * "SSÆ/BU/JAI - ..." title prefix with "Beslutningskompetence".
 */
export interface Minutes {
  readonly name: string;
  readonly text: string;
}

const TRAFIK = '24-005001';
const HANDLEPLAN = '24-005002';
const route =
  'Direktionen indstiller til byrådet via teknik- og miljøudvalget, kultur- og fritidsudvalget og økonomiudvalget, at trafikplanen godkendes.';

function minutes(committee: string, date: string, spoken: string, items: string[]): string {
  return [
    `REFERAT ${committee} d. ${date.split('-').reverse().join('-')}`,
    '',
    `Mødedato ${spoken} kl. 16:00`,
    '',
    'Mødested Rådhuset, Søvang Kommune',
    '',
    'Mødedeltagere Anne Holm, Bo Lund, Carl Bech',
    '',
    ...items,
  ].join('\n');
}

function item(n: number, title: string, sagsnummer: string, body: string[]): string {
  return [`Punkt ${n}: ${title}`, '', sagsnummer, '', ...body, ''].join('\n');
}

const trafikItem = (n: number, decision: string, before: string[] = []) =>
  item(n, 'Ny trafikplan for Søvang', TRAFIK, [
    ...before,
    'Beslutning',
    '',
    decision,
    '',
    'Indstilling',
    '',
    route,
    '',
    'Sagsfremstilling',
    '',
    'Trafikplanen samler kommunens indsatser for cykler, busser og veje.',
  ]);

/** Kultur og fritid meets first, then Klima (not on the route), then Teknik og miljø (listed first); Byrådet decides without Økonomiudvalget. */
export const TRAFIK_MINUTES: Minutes[] = [
  {
    name: 'kfu-2024-03-04.txt',
    text: minutes('Kultur- og Fritidsudvalget - 2022-2025', '2024-03-04', 'Mandag d. 4. marts 2024', [
      trafikItem(4, 'Indstillingen anbefales.'),
    ]),
  },
  {
    name: 'klima-2024-03-06.txt',
    text: minutes('Klimaudvalget - 2022-2025', '2024-03-06', 'Onsdag d. 6. marts 2024', [trafikItem(2, 'Indstillingen anbefales.')]),
  },
  {
    name: 'tmu-2024-03-11.txt',
    text: minutes('Teknik- og Miljøudvalget - 2022-2025', '2024-03-11', 'Mandag d. 11. marts 2024', [
      trafikItem(5, 'Indstillingen anbefales.'),
    ]),
  },
  {
    name: 'by-2024-03-27.txt',
    text: minutes('Byrådet - 2022-2025', '2024-03-27', 'Onsdag d. 27. marts 2024', [
      trafikItem(9, 'Godkendt.', ['Beslutning teknik og miljøudvalget den 11. marts 2024 punkt 5:', '', 'Indstillingen anbefales.', '']),
    ]),
  },
];

const handleplanItem = (n: number, decision: string) =>
  item(n, 'SSÆ/BU/JAI - Status på handleplaner', HANDLEPLAN, [
    'Beslutning',
    '',
    decision,
    '',
    'Indstilling',
    '',
    'Direktionen indstiller:',
    '',
    '1. at orienteringen tages til efterretning.',
    '',
    'Beslutningskompetence',
    '',
    'Økonomiudvalget',
  ]);

const own = (abbreviation: string, n: number, sagsnummer: string) =>
  item(n, `${abbreviation} - Orientering fra forvaltningen`, sagsnummer, ['Beslutning', '', 'Taget til efterretning.']);

/** Each of the three committees' own minutes prefix every item with their abbreviation. */
export const HANDLEPLAN_MINUTES: Minutes[] = [
  {
    name: 'ssae-2024-02-05.txt',
    text: minutes('Udvalget for Social, Sundhed & Ældre - 2022-2025', '2024-02-05', 'Mandag d. 5. februar 2024', [
      own('SSÆ', 1, '24-000901'),
      handleplanItem(2, 'Indstillingen anbefales.'),
    ]),
  },
  {
    name: 'bu-2024-02-06.txt',
    text: minutes('Udvalget for Børn og Unge - 2022-2025', '2024-02-06', 'Tirsdag d. 6. februar 2024', [
      own('BU', 1, '24-000902'),
      handleplanItem(2, 'Indstillingen anbefales.'),
    ]),
  },
  {
    name: 'jai-2024-02-07.txt',
    text: minutes('Udvalget for Job, Arbejdsmarked og Integration - 2022-2025', '2024-02-07', 'Onsdag d. 7. februar 2024', [
      own('JAI', 1, '24-000903'),
      handleplanItem(2, 'Indstillingen anbefales.'),
    ]),
  },
];

export const SAGER = { trafik: TRAFIK, handleplan: HANDLEPLAN } as const;
