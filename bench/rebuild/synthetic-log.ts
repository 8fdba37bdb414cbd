import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { SqliteEventStore, sqliteEventStoreFile } from '@sagsspor/event-store';
import { committeeKey, EVENT_TYPES, eventIdOf, type Access, type Outcome, type SagEvent } from '@sagsspor/sag';

const NO_VOTES = { votes: null, absent: [] };

/**
 * A synthetic but domain-valid event log, written straight into the embedded
 * store's SQLite file: one kommune, ten years of ~25 committees meeting every
 * other week. Sager start in a fagudvalg and move on (recommended) to
 * Økonomiudvalget and Byrådet; some are postponed and taken up again, some are
 * closed, some are first known from a later committee's minutes (references)
 * and enriched when their own minutes arrive (supersedes), and a few are
 * standing sager noted at meeting after meeting. Events are ~1 KB and arrive in
 * meeting order, interleaved across sager, as imports of minutes would.
 * Deterministic: the same options give the same log.
 */
export interface SyntheticLogOptions {
  /** Stop once this many events are written... */
  readonly targetEvents: number;
  /** ...or, when given, plan exactly this many sager (spread over the years) and write all their events. */
  readonly targetSager?: number;
  readonly years?: number;
  readonly committees?: number;
  readonly kommune?: string;
  readonly seed?: number;
}

export interface SyntheticLogReport {
  readonly events: number;
  readonly sager: number;
  readonly bytes: number;
  readonly seconds: number;
  readonly firstDate: string;
  readonly lastDate: string;
}

const START = Date.UTC(2015, 0, 5);
const DAY = 86_400_000;
const COMMITTEE_NAMES = [
  'Byrådet',
  'Økonomiudvalget',
  'Social- og Sundhedsudvalget',
  'Udvalget for Job, Arbejdsmarked og Integration',
  'Børne- og Familieudvalget',
  'Teknik- og Miljøudvalget',
  'Kultur- og Fritidsudvalget',
  'Plan- og Boligudvalget',
  'Klima- og Naturudvalget',
  'Ældre- og Værdighedsudvalget',
  'Skoleudvalget',
  'Erhvervs- og Turismeudvalget',
  'Sundhedsudvalget',
  'Beskæftigelsesudvalget',
  'Integrationsudvalget',
  'Landdistriktsudvalget',
  'Trafik- og Infrastrukturudvalget',
  'Handicaprådet',
  'Folkeoplysningsudvalget',
  'Udvalget for Digitalisering',
  'Udvalget for Bæredygtighed',
  'Ungdomsudvalget',
  'Voksenudvalget',
  'Udvalget for Social, Sundhed & Ældre',
  'Borgerinddragelsesudvalget',
  'Udvalget for Nærdemokrati',
];
const TITLES = [
  'Anlægsbevilling til renovering af skole',
  'Status på kvartalsplaner',
  'Budgetopfølgning',
  'Lokalplan for boligområde',
  'Takster for dagtilbud',
  'Kvalitetsrapport for folkeskolen',
  'Strategi for klimatilpasning',
  'Udbud af rengøring',
  'Salg af kommunal ejendom',
  'Høring om trafikplan',
  'Orientering om sygefravær',
  'Godkendelse af regnskab',
];
const PROPOSAL =
  'Direktionen indstiller, at udvalget godkender den foreslåede plan, herunder at der frigives en anlægsbevilling, ' +
  'at administrationen bemyndiges til at gennemføre udbuddet, og at sagen oversendes til videre behandling. Sagen ' +
  'har været i høring hos de relevante parter, og høringssvarene er indarbejdet i det vedlagte materiale. ';
const DECISIONS: readonly [Outcome, string][] = [
  [
    'approved',
    'Indstillingen tiltrådt. Udvalget ønsker en status på økonomien i tredje kvartal, herunder en vurdering af tidsplanen og de afledte driftsudgifter, som forelægges udvalget på et kommende møde. ',
  ],
  [
    'noted',
    'Orienteringen taget til efterretning. Udvalget bad administrationen om at følge op på de punkter, der blev rejst under drøftelsen, og om at inddrage brugerbestyrelserne i det videre arbejde. ',
  ],
  [
    'discussed',
    'Drøftet. Udvalget drøftede de fremlagte scenarier og bad om et revideret oplæg til næste møde, hvor der tages højde for de økonomiske konsekvenser og for borgernes adgang til tilbuddene. ',
  ],
  [
    'rejected',
    'Indstillingen ikke tiltrådt. Et flertal i udvalget fandt ikke, at forslaget var tilstrækkeligt belyst, og ønskede sagen genoptaget, når der foreligger en samlet plan for området. ',
  ],
  [
    'other',
    'Udvalget besluttede at sende sagen i fornyet høring hos de berørte parter med en frist på fire uger, hvorefter administrationen udarbejder et samlet notat til udvalget. ',
  ],
];
const RECOMMEND =
  'Indstillingen anbefales over for de næste instanser med de bemærkninger, der fremgik af drøftelsen, herunder ønsket om en tæt opfølgning på økonomien og tidsplanen i projektets første fase. ';
const POSTPONE =
  'Sagen genoptages på udvalgets næste møde, da der mangler en uddybende redegørelse for de økonomiske konsekvenser og for borgerinddragelsen. Administrationen udarbejder et notat til mødet. ';
const MEETING_EVERY = 14;

interface Treatment {
  readonly committee: number;
  readonly day: number;
  /** recommended to the next committee, or decided with an outcome */
  readonly outcome: Outcome | 'recommended';
  readonly postponed: boolean;
}

interface Plan {
  readonly sagsnummer: string;
  readonly title: string;
  readonly access: Access;
  readonly treatments: Treatment[];
  /** The first treatment is first known from the second one's minutes (a reference). */
  readonly referenceFirst: boolean;
  revision: number;
  referenceIds: { proposed: string; outcome: string } | null;
}

type Emission =
  | { kind: 'treatment'; plan: Plan; index: number; resumed: boolean }
  | { kind: 'postponed'; plan: Plan; index: number }
  | { kind: 'reference'; plan: Plan; index: number };

/** mulberry32: a small, fast, seeded PRNG, so every synthetic data set can be replayed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function dateOf(day: number): string {
  return new Date(START + day * DAY).toISOString().slice(0, 10);
}

export function writeSyntheticLog(dataDir: string, options: SyntheticLogOptions): SyntheticLogReport {
  const started = process.hrtime.bigint();
  new SqliteEventStore(dataDir).close(); // creates the file with the store's own schema
  const db = new Database(sqliteEventStoreFile(dataDir));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const insert = db.prepare('INSERT INTO events (stream_name, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)');
  const random = rng(options.seed ?? 1);
  const kommune = options.kommune ?? 'Lejre';
  const committeeCount = Math.min(options.committees ?? 25, COMMITTEE_NAMES.length);
  const names = COMMITTEE_NAMES.slice(0, committeeCount);
  const keys = names.map((n) => committeeKey(n));
  const days = (options.years ?? 10) * 365;
  // About 8 events per sag on average (standing sager are long); a little more so the target is reached within the years.
  const sagerPerDay = options.targetSager ? options.targetSager / days : options.targetEvents / 7 / days;
  const eventLimit = options.targetSager ? Number.POSITIVE_INFINITY : options.targetEvents;
  const buckets: Emission[][] = Array.from({ length: days + 400 * 4 }, () => []);
  const meetingDay = (committee: number, after: number): number => {
    const offset = committee % MEETING_EVERY;
    return after + ((offset - (after % MEETING_EVERY) + MEETING_EVERY) % MEETING_EVERY || MEETING_EVERY);
  };
  let events = 0;
  let bytes = 0;
  let sager = 0;
  let carry = 0;
  let lastDay = 0;
  const sha = new Map<string, string>();
  const rows: unknown[][] = [];
  const flush = db.transaction((batch: unknown[][]) => {
    for (const row of batch) insert.run(...row);
  });

  const emit = (plan: Plan, day: number, committee: number, event: SagEvent): string => {
    const id = eventIdOf(event);
    const date = dateOf(day);
    const document = `referater/${date} ${names[committee] ?? ''}.pdf`;
    let digest = sha.get(document);
    if (!digest) {
      digest = createHash('sha256').update(document).digest('hex');
      if (sha.size > 5000) sha.clear();
      sha.set(document, digest);
    }
    const n = events;
    const metadata = {
      eventId: id,
      commandId: `cmd-${n.toString(36)}`,
      correlationId: `import-${date}-${committee}`,
      causationId: `cmd-${n.toString(36)}`,
      recordedAt: new Date(START + (day + 1) * DAY + (n % 3600) * 1000).toISOString(),
      recordedBy: 'import@lejre.dk',
      source: { kind: 'import', document, sha256: digest },
    };
    const data = JSON.stringify(event.data);
    const meta = JSON.stringify(metadata);
    rows.push([`sag-${kommune.toLowerCase()}:${plan.sagsnummer}`, plan.revision, id, event.type, data, meta]);
    plan.revision += 1;
    events += 1;
    bytes += data.length + meta.length;
    if (rows.length >= 10_000) flush(rows.splice(0));
    return id;
  };

  const base = (
    plan: Plan,
    t: Treatment,
    item: number | null,
    evidence: 'direct' | 'reference',
    text: string,
    supersedes: string | null,
  ) => ({
    kommune,
    sagsnummer: plan.sagsnummer,
    committee: names[t.committee] as string,
    committeeKey: keys[t.committee] as string,
    meetingDate: dateOf(t.day),
    item,
    text,
    evidence,
    supersedes,
    quality: [],
  });
  const proposed = (
    plan: Plan,
    t: Treatment,
    item: number | null,
    evidence: 'direct' | 'reference',
    supersedes: string | null,
    day = t.day,
  ): SagEvent => {
    const proposal = `${PROPOSAL}Sag ${plan.sagsnummer}.`;
    return {
      type: EVENT_TYPES.proposed,
      data: {
        ...base(plan, { ...t, day }, item, evidence, proposal, supersedes),
        title: plan.title,
        proposedBy: 'Direktionen',
        proposal,
        access: plan.access,
      },
    };
  };
  const outcome = (
    plan: Plan,
    t: Treatment,
    item: number | null,
    evidence: 'direct' | 'reference',
    supersedes: string | null,
  ): SagEvent => {
    if (t.outcome === 'recommended') {
      const next = plan.treatments[plan.treatments.indexOf(t) + 1];
      return {
        type: EVENT_TYPES.recommended,
        data: {
          ...base(plan, t, item, evidence, RECOMMEND, supersedes),
          recommendedTo: names[next?.committee ?? 0] as string,
          ...NO_VOTES,
        },
      };
    }
    const text = DECISIONS.find(([o]) => o === t.outcome)?.[1] ?? '';
    return { type: EVENT_TYPES.decided, data: { ...base(plan, t, item, evidence, text, supersedes), outcome: t.outcome, ...NO_VOTES } };
  };

  const planSag = (day: number): void => {
    sager += 1;
    const year = new Date(START + day * DAY).getUTCFullYear() % 100;
    const standing = random() < 0.05;
    const first = 2 + Math.floor(random() * (committeeCount - 2));
    const treatments: Treatment[] = [];
    let at = meetingDay(first, day);
    if (standing) {
      const count = 12 + Math.floor(random() * 37);
      for (let i = 0; i < count; i += 1) {
        treatments.push({ committee: first, day: at, outcome: 'noted', postponed: false });
        at = meetingDay(first, at + 21);
      }
    } else {
      const route = [first];
      if (random() < 0.3) route.push(2 + Math.floor(random() * (committeeCount - 2)));
      if (random() < 0.6) {
        route.push(1);
        if (random() < 0.5) route.push(0);
      }
      route.forEach((committee, i) => {
        if (i > 0) at = meetingDay(committee, at + 5);
        const last = i === route.length - 1;
        const postponed = random() < 0.08;
        const o = last ? (DECISIONS[Math.floor(random() * DECISIONS.length)] as [Outcome, string])[0] : 'recommended';
        treatments.push({ committee, day: at, outcome: o, postponed });
        if (postponed) at = meetingDay(committee, at + 1);
      });
    }
    const plan: Plan = {
      sagsnummer: `${String(year).padStart(2, '0')}-${String(sager).padStart(6, '0')}`,
      title: `${TITLES[Math.floor(random() * TITLES.length)]} ${sager}`,
      access: random() < 0.05 ? 'closed' : 'open',
      treatments,
      referenceFirst: !standing && treatments.length > 1 && random() < 0.1,
      revision: 0,
      referenceIds: null,
    };
    treatments.forEach((t, index) => {
      if (index === 0 && plan.referenceFirst) {
        // Its own minutes arrive a few days after the next committee's, which already mentioned it.
        const next = treatments[1] as Treatment;
        buckets[next.day]?.push({ kind: 'reference', plan, index: 0 });
        buckets[next.day + 3]?.push({ kind: 'treatment', plan, index: 0, resumed: false });
        return;
      }
      if (t.postponed) {
        buckets[t.day]?.push({ kind: 'postponed', plan, index });
        buckets[meetingDay(t.committee, t.day)]?.push({ kind: 'treatment', plan, index, resumed: true });
      } else {
        buckets[t.day]?.push({ kind: 'treatment', plan, index, resumed: false });
      }
    });
  };

  for (let day = 0; day < buckets.length && events < eventLimit; day += 1) {
    if (day < days) {
      carry += sagerPerDay;
      for (; carry >= 1 && sager < (options.targetSager ?? Number.POSITIVE_INFINITY); carry -= 1) planSag(day);
      // Rounding must not leave the last sag unplanned.
      if (day === days - 1 && options.targetSager) while (sager < options.targetSager) planSag(day);
    }
    const today = buckets[day] ?? [];
    buckets[day] = [];
    const items = new Map<number, number>();
    const itemOf = (committee: number): number => {
      const n = (items.get(committee) ?? 0) + 1;
      items.set(committee, n);
      return n;
    };
    for (const e of today.sort((a, b) => (a.plan.treatments[a.index]?.committee ?? 0) - (b.plan.treatments[b.index]?.committee ?? 0))) {
      const plan = e.plan;
      const t = plan.treatments[e.index] as Treatment;
      if (e.kind === 'reference') {
        // Known only from "Sagens forløb" of the next committee: no item number, other wording.
        const p = emit(plan, day, t.committee, proposed(plan, t, null, 'reference', null));
        const o = emit(plan, day, t.committee, outcome(plan, t, null, 'reference', null));
        plan.referenceIds = { proposed: p, outcome: o };
      } else if (e.kind === 'postponed') {
        const item = itemOf(t.committee);
        emit(plan, day, t.committee, proposed(plan, t, item, 'direct', null));
        emit(plan, day, t.committee, {
          type: EVENT_TYPES.decided,
          data: { ...base(plan, t, item, 'direct', POSTPONE, null), outcome: 'postponed', ...NO_VOTES },
        });
      } else if (e.resumed) {
        const item = itemOf(t.committee);
        const at = { ...t, day };
        emit(plan, day, t.committee, proposed(plan, at, item, 'direct', null, day));
        emit(plan, day, t.committee, {
          type: EVENT_TYPES.genoptaget,
          data: {
            ...base(plan, at, item, 'direct', 'Sagen genoptages fra et tidligere møde.', null),
            reason: 'Sagen genoptages fra et tidligere møde.',
            resumes: { committeeKey: keys[t.committee] as string, meetingDate: dateOf(t.day), item: null },
          },
        });
        emit(plan, day, t.committee, outcome(plan, at, item, 'direct', null));
      } else {
        const item = itemOf(t.committee);
        const ref = e.index === 0 ? plan.referenceIds : null;
        emit(plan, day, t.committee, proposed(plan, t, item, 'direct', ref?.proposed ?? null));
        emit(plan, day, t.committee, outcome(plan, t, item, 'direct', ref?.outcome ?? null));
      }
      lastDay = day;
    }
  }
  flush(rows.splice(0));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return {
    events,
    sager,
    bytes,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
    firstDate: dateOf(0),
    lastDate: dateOf(lastDay),
  };
}
