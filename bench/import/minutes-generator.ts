/**
 * Synthetic published minutes for benchmarks and order/repeat tests: a
 * kommune's committees meeting monthly, sager moving along their routes
 * (recommended by each committee, decided by the last, now and then postponed
 * and resumed), printed in the two layouts the importer meets most (a
 * "Beslutning" heading with "Sagens forløb"; "Sagsnr.:" with dated
 * "Beslutning i <udvalg> den ..." blocks). Deterministic for a given seed.
 */
export interface CorpusOptions {
  readonly documents: number;
  readonly seed?: number;
  /** Roughly how large each document gets with its background sections. */
  readonly bytesPerDocument?: number;
  readonly kommune?: string;
  readonly committees?: number;
  readonly firstYear?: number;
}

export interface GeneratedDocument {
  readonly name: string;
  readonly text: string;
}

interface Committee {
  readonly name: string;
  readonly abbreviation: string;
  readonly style: 'heading' | 'dated';
}

interface Treatment {
  readonly committee: Committee;
  readonly date: string;
  readonly outcome: string;
}

interface Sag {
  readonly nummer: string;
  readonly title: string;
  readonly route: Committee[];
  step: number;
  history: Treatment[];
  postponedAt: Treatment | null;
}

const MONTHS = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];
const WEEKDAYS = ['Søndag', 'Mandag', 'Tirsdag', 'Onsdag', 'Torsdag', 'Fredag', 'Lørdag'];
const AREAS = [
  'Kultur',
  'Fritid',
  'Teknik',
  'Miljø',
  'Klima',
  'Plan',
  'Erhverv',
  'Skole',
  'Dagtilbud',
  'Ældre',
  'Sundhed',
  'Social',
  'Beskæftigelse',
  'Integration',
  'Børn',
  'Unge',
  'Trafik',
  'Bolig',
  'Natur',
  'Landdistrikter',
  'Digitalisering',
  'Forebyggelse',
  'Handicap',
  'Uddannelse',
];
const WORDS =
  'kommunen udvalget forvaltningen borgerne indsatsen budgettet området planen rammen aftalen ordningen tilsynet opfølgningen grundlaget handleplanen vurderingen økonomien indstillingen arbejdet processen'.split(
    ' ',
  );
const VERBS = 'vurderer forventer beskriver understøtter sikrer følger styrker udvikler fastholder prioriterer'.split(' ');
const TOPICS = [
  'Budgetopfølgning',
  'Kvalitetsrapport',
  'Høringssvar om',
  'Orientering om',
  'Godkendelse af',
  'Temadrøftelse om',
  'Status på',
  'Evaluering af',
  'Puljeansøgning til',
  'Revideret strategi for',
];

class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0 || 1;
  }
  next(): number {
    // xorshift32: fast, deterministic, good enough for test data
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state / 0x100000000;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)] as T;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');
const dmy = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;
const longDate = (iso: string) => `${Number(iso.slice(8, 10))}. ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
const period = (iso: string) => {
  const y = Number(iso.slice(0, 4));
  const start = y - ((((y - 2014) % 4) + 4) % 4);
  return `${start}-${start + 3}`;
};

function makeCommittees(count: number): Committee[] {
  const list: Committee[] = [
    { name: 'Økonomiudvalget', abbreviation: 'ØU', style: 'heading' },
    { name: 'Byrådet', abbreviation: 'BR', style: 'dated' },
  ];
  for (let i = 0; list.length < count; i++) {
    const a = AREAS[i % AREAS.length] as string;
    const b = AREAS[(i * 7 + 3) % AREAS.length] as string;
    const name = i % 2 === 0 ? `Udvalget for ${a} & ${b}` : `${a}- og ${b.toLowerCase()}udvalget`;
    list.push({
      name: i >= AREAS.length ? `${name} ${i}` : name,
      abbreviation: `${a.slice(0, 2).toUpperCase()}${b.slice(0, 1).toUpperCase()}${i}`,
      style: i % 2 === 0 ? 'heading' : 'dated',
    });
  }
  return list;
}

export function* generateCorpus(options: CorpusOptions): Generator<GeneratedDocument> {
  const rnd = new Random(options.seed ?? 42);
  const kommune = options.kommune ?? 'Testrup';
  const committees = makeCommittees(options.committees ?? 25);
  const [oekonomi, byraad] = committees as [Committee, Committee];
  const specialised = committees.slice(2);
  const bytesPerDocument = options.bytesPerDocument ?? 40_000;
  const pending = new Map<Committee, Sag[]>(committees.map((c) => [c, []]));
  let sagCounter = 0;
  let produced = 0;
  for (let month = 0; produced < options.documents; month++) {
    const year = (options.firstYear ?? 2015) + Math.floor(month / 12);
    for (const [ci, committee] of committees.entries()) {
      if (produced >= options.documents) return;
      const date = `${year}-${pad((month % 12) + 1)}-${pad(2 + (ci % 25))}`;
      const queue = pending.get(committee) as Sag[];
      const fresh = committee === byraad || committee === oekonomi ? 0 : 2 + rnd.int(3);
      for (let i = 0; i < fresh; i++) {
        sagCounter += 1;
        const route = [committee, ...(rnd.next() < 0.3 ? [rnd.pick(specialised)] : []), oekonomi, ...(rnd.next() < 0.5 ? [byraad] : [])];
        queue.push({
          nummer: `${String(year).slice(2)}-${String(sagCounter).padStart(6, '0')}`,
          title: `${rnd.pick(TOPICS)} ${rnd.pick(AREAS).toLowerCase()}området ${sagCounter}`,
          route: dedupe(route),
          step: 0,
          history: [],
          postponedAt: null,
        });
      }
      const agenda = queue.splice(0, 12);
      const items = agenda.map((sag, i) => treat(rnd, sag, committee, date, i + 2, pending));
      yield {
        name: `${kommune.toLowerCase()}-${committee.abbreviation.toLowerCase()}-${date}.txt`,
        text: render(rnd, kommune, committee, date, items, bytesPerDocument),
      };
      produced += 1;
    }
  }
}

function dedupe(route: Committee[]): Committee[] {
  return route.filter((c, i) => route.indexOf(c) === i);
}

interface RenderedItem {
  readonly number: number;
  readonly sag: Sag;
  readonly outcome: string;
  readonly earlier: Treatment[];
  readonly resumed: Treatment | null;
  readonly decidingBody: string;
}

function treat(rnd: Random, sag: Sag, committee: Committee, date: string, number: number, pending: Map<Committee, Sag[]>): RenderedItem {
  const last = sag.step === sag.route.length - 1;
  const resumed = sag.postponedAt;
  const postpone = !resumed && rnd.next() < 0.06;
  const outcome = postpone
    ? 'Sagen genoptages på næste møde.'
    : last
      ? rnd.pick(['Godkendt.', 'Taget til efterretning.', 'Indstillingen tiltrådt.'])
      : 'Indstillingen anbefales.';
  const item: RenderedItem = {
    number,
    sag,
    outcome,
    earlier: [...sag.history],
    resumed,
    decidingBody: (sag.route[sag.route.length - 1] as Committee).name,
  };
  const treatment = { committee, date, outcome };
  sag.postponedAt = postpone ? treatment : null;
  sag.history.push(treatment);
  if (postpone) (pending.get(committee) as Sag[]).push(sag);
  else if (!last) {
    sag.step += 1;
    (pending.get(sag.route[sag.step] as Committee) as Sag[]).push(sag);
  }
  return item;
}

function render(rnd: Random, kommune: string, c: Committee, date: string, items: RenderedItem[], bytes: number): string {
  const weekday = WEEKDAYS[new Date(`${date}T12:00:00Z`).getUTCDay()] as string;
  const header =
    c.style === 'heading'
      ? [
          `REFERAT ${c.name} - ${period(date)} d. ${dmy(date)}`,
          `Mødedato ${weekday} d. ${pad(Number(date.slice(8)))}. ${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)} kl. 16:00`,
        ]
      : [
          `REFERAT ${c.name} (${period(date)})`,
          `d. ${dmy(date)}`,
          `Mødedato ${weekday} d. ${pad(Number(date.slice(8)))}. ${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)} kl. 12:30`,
        ];
  const perItem = Math.max(500, Math.floor(bytes / Math.max(1, items.length + 1)));
  const body = [
    ...header,
    `Mødested Rådhuset, mødelokale ${1 + rnd.int(9)}, ${kommune} Kommune`,
    'Mødedeltagere Anna Holm, Bo Kjær (Afbud), Carl Lund, Dorthe Vang, Erik Bach',
    'Indholdsfortegnelse',
    `${c.abbreviation} - Godkendelse af dagsorden.....\t3`,
    ...items.map((it, i) => `${c.abbreviation} - ${it.sag.title}.....\t${4 + i * 2}`),
    `Punkt 1: ${c.abbreviation} - Godkendelse af dagsorden`,
    'Beslutning',
    'Godkendt',
    ...items.flatMap((it) => (c.style === 'heading' ? headingItem(rnd, c, date, it, perItem) : datedItem(rnd, c, date, it, perItem))),
  ];
  return `${body.join('\n\n')}\n`;
}

function headingItem(rnd: Random, c: Committee, date: string, it: RenderedItem, bytes: number): string[] {
  const forloeb = it.earlier.flatMap((t) => [`${dmy(t.date)} ${t.committee.name} - ${period(t.date)}`, t.outcome]);
  return [
    `Punkt ${it.number}: ${c.abbreviation} - ${it.sag.title}`,
    it.sag.nummer,
    'Beslutning',
    it.outcome,
    'Resumé',
    filler(rnd, bytes * 0.3),
    'Indstilling',
    'Direktionen indstiller:',
    `1. at ${c.name.toLowerCase()} ${it.outcome.startsWith('Indstillingen anbefales') ? 'anbefaler sagen' : 'godkender sagen'}.`,
    'Beslutningskompetence',
    it.decidingBody,
    'Sagsfremstilling',
    filler(rnd, bytes * 0.6),
    ...(forloeb.length ? ['Sagens forløb', ...forloeb] : []),
  ];
}

function datedItem(rnd: Random, c: Committee, date: string, it: RenderedItem, bytes: number): string[] {
  const resumed = it.resumed ? [`Beslutning i ${it.resumed.committee.name} den ${longDate(it.resumed.date)}:`, it.resumed.outcome] : [];
  const forloeb = it.earlier.filter((t) => t !== it.resumed).flatMap((t) => [`${dmy(t.date)} ${t.committee.name}`, t.outcome]);
  return [
    `Punkt ${it.number}: ${it.sag.title} (B)`,
    'Sagsfremstilling',
    `Sagsnr.: ${it.sag.nummer} Dok.nr.: ${it.sag.nummer}-${it.number}`,
    'Åbent',
    'Kompetence:',
    `${it.decidingBody}.`,
    'Baggrund',
    filler(rnd, bytes * 0.9),
    ...(forloeb.length ? ['Sagens forløb', ...forloeb] : []),
    'Indstilling',
    'Direktøren indstiller,',
    '1. at sagen godkendes.',
    ...resumed,
    `Beslutning i ${c.name} den ${longDate(date)}:`,
    'Fraværende: Bo Kjær',
    it.outcome,
  ];
}

function filler(rnd: Random, bytes: number): string {
  const sentences: string[] = [];
  let size = 0;
  while (size < bytes) {
    const s = `${capital(rnd.pick(WORDS))} ${rnd.pick(VERBS)} ${rnd.pick(WORDS)} for ${rnd.pick(AREAS).toLowerCase()} og ${rnd.pick(WORDS)} i ${2015 + rnd.int(10)}.`;
    sentences.push(s);
    size += s.length + 1;
    if (sentences.length % 6 === 0) sentences.push('\n\n');
  }
  return sentences.join(' ').replace(/ \n\n /g, '\n\n');
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
