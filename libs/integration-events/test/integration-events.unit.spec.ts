import { InMemoryEventStore, type RecordedEvent } from '@sagsspor/event-store';
import type { SagCommand, TreatmentInput } from '@sagsspor/sag';
import {
  CLOSED_NOTICE,
  INTEGRATION_EVENT_TYPES,
  IntegrationEventMapper,
  matchesFilter,
  parseEventFilter,
  redactFor,
  treatmentDataOf,
  type SagIntegrationEvent,
} from '../src';
import { record } from '../testing/record';
import { integrationEventErrors, schemaTypes } from '../testing/schema-validator';

const sag = { kommune: 'Lejre Kommune', sagsnummer: '19/3742' };
const closedSag = { kommune: 'Høje-Taastrup', sagsnummer: '00.01.00-I00-23-12' };
const proposal = { title: 'Status på kvartalsplaner', proposedBy: 'Direktionen', proposal: '1. at udvalget godkender planen' };
const social: TreatmentInput = { committee: 'Social, Sundhed & Ældre - 2022-2025', meetingDate: '2024-02-05', item: 4 };
const oekonomi: TreatmentInput = { committee: 'Økonomiudvalget', meetingDate: '2024-02-21', item: 12 };
const byraad: TreatmentInput = { committee: 'Byrådet', meetingDate: '2024-03-04', item: 9 };
const votes = { for: ['V', 'B', 'A'], against: ['O'], abstained: [], notTakingPart: [] };

/** A scenario with every event type, an inline proposal, a supersede, a resumed item and a closed item. */
const scenario: SagCommand[] = [
  { type: 'ProposeSag', data: { sag, treatment: { ...social, evidence: 'reference', item: null }, proposal } },
  { type: 'ProposeSag', data: { sag, treatment: social, proposal } },
  { type: 'RecommendSag', data: { sag, treatment: social, recommendedTo: 'Økonomiudvalget', text: 'Indstillingen anbefales' } },
  {
    type: 'DecideSag',
    data: {
      sag,
      treatment: oekonomi,
      outcome: 'postponed',
      text: 'Sagen genoptages',
      proposal: { ...proposal, title: 'Kvartalsplaner, ØU' },
    },
  },
  { type: 'GenoptagSag', data: { sag, treatment: byraad, reason: 'Punktet genoptages fra mødet 21. februar' } },
  {
    type: 'DecideSag',
    data: { sag, treatment: byraad, outcome: 'approved', text: 'Godkendt', proposal, votes, absent: ['Anne Hansen (F)'] },
  },
  {
    type: 'DecideSag',
    data: {
      sag: closedSag,
      treatment: oekonomi,
      outcome: 'approved',
      text: 'Godkendt',
      votes,
      proposal: { ...proposal, title: 'Køb af grund', access: 'closed' },
    },
  },
];

describe('integration events', () => {
  let store: InMemoryEventStore;
  let stored: RecordedEvent[];
  let events: SagIntegrationEvent[];

  beforeAll(async () => {
    store = new InMemoryEventStore();
    for (const command of scenario) await record(store, command, '2024-03-05T10:00:00.000Z');
    stored = await store.readAll();
    const mapper = new IntegrationEventMapper(store);
    events = (await Promise.all(stored.map((e) => mapper.map(e)))).filter((e): e is SagIntegrationEvent => e !== null);
  });

  it('has a JSON Schema for every type, and every emitted event validates, redacted or not', () => {
    expect(schemaTypes()).toEqual(Object.values(INTEGRATION_EVENT_TYPES).sort());
    // Corrections and withdrawals: corrections.unit.spec.ts; routes: routes.unit.spec.ts.
    const elsewhere: readonly string[] = [
      INTEGRATION_EVENT_TYPES.corrected,
      INTEGRATION_EVENT_TYPES.withdrawn,
      INTEGRATION_EVENT_TYPES.routed,
    ];
    const told = Object.values(INTEGRATION_EVENT_TYPES).filter((t) => !elsewhere.includes(t));
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(told));
    for (const event of events) {
      expect(integrationEventErrors(event)).toEqual([]);
      expect(integrationEventErrors(redactFor(event, false))).toEqual([]);
    }
  });

  it('rejects an event that breaks the contract', () => {
    const [first] = events;
    expect(integrationEventErrors({ ...first, data: { ...first?.data, extra: 1 } })).not.toEqual([]);
    expect(integrationEventErrors({ ...first, sagssporposition: 7 })).not.toEqual([]);
  });

  it('carries the CloudEvents attributes of the stored event', () => {
    const decided = events.find((e) => e.type === INTEGRATION_EVENT_TYPES.decided && treatmentDataOf(e)?.committeeKey === 'byrådet');
    const source = stored.find((e) => e.metadata.eventId === decided?.id);
    expect(decided).toMatchObject({
      specversion: '1.0',
      id: source?.metadata.eventId,
      source: '/sagsspor/lejre',
      subject: 'Lejre/19%2F3742',
      time: '2024-03-05T10:00:00.000Z',
      sagssporposition: source?.position.toString(),
      sagssporbusinessdate: '2024-03-04',
      data: { kommune: 'Lejre', sagsnummer: '19/3742', outcome: 'approved', text: 'Godkendt', link: '/sager/Lejre/19%2F3742', item: 9 },
    });
    expect(decided?.data).toMatchObject({ votes, absent: ['Anne Hansen (F)'] });
    const recommended = events.find((e) => e.type === INTEGRATION_EVENT_TYPES.recommended);
    expect(recommended?.data).not.toHaveProperty('votes');
    expect(recommended?.data).not.toHaveProperty('absent');
    expect(events.find((e) => e.data.kommune === 'Høje-Taastrup')?.source).toBe('/sagsspor/h%C3%B8je-taastrup');
  });

  it("gives an outcome the title of its own treatment's proposal", () => {
    const titles = events.map((e) => [e.type.split('.')[3], treatmentDataOf(e)?.committeeKey, e.data.title]);
    expect(titles).toContainEqual(['recommended', 'social, sundhed og ældre', proposal.title]);
    expect(titles).toContainEqual(['decided', 'økonomiudvalget', 'Kvartalsplaner, ØU']);
  });

  it('gives a resumed item without a proposal of its own the title of the postponed treatment', () => {
    const resumed = events.find((e) => e.type === INTEGRATION_EVENT_TYPES.genoptaget);
    expect(resumed?.data).toMatchObject({
      title: 'Kvartalsplaner, ØU',
      reason: 'Punktet genoptages fra mødet 21. februar',
      resumes: { committeeKey: 'økonomiudvalget', meetingDate: '2024-02-21', item: 12 },
    });
  });

  it('marks the richer re-record of a proposal with the id it supersedes', () => {
    const [reference, direct] = events.filter(
      (e) => e.type === INTEGRATION_EVENT_TYPES.proposed && treatmentDataOf(e)?.committeeKey === 'social, sundhed og ældre',
    );
    expect(reference?.data).toMatchObject({ evidence: 'reference', item: null, supersedes: null });
    expect(direct?.data).toMatchObject({ evidence: 'direct', item: 4, supersedes: reference?.id });
  });

  it('finds titles from the store when a consumer starts after the proposal (a checkpoint)', async () => {
    const fresh = new IntegrationEventMapper(store, 1);
    const later = stored.slice(-5);
    const titles = [];
    for (const e of later) titles.push((await fresh.map(e))?.data.title);
    expect(titles).toEqual(['Kvartalsplaner, ØU', proposal.title, proposal.title, 'Køb af grund', 'Køb af grund']);
  });

  it('reads nothing from the store when it follows streams from their start', async () => {
    let reads = 0;
    const counting = { readStream: (...args: Parameters<InMemoryEventStore['readStream']>) => ((reads += 1), store.readStream(...args)) };
    const mapper = new IntegrationEventMapper(counting);
    for (const e of stored) await mapper.map(e);
    expect(reads).toBe(0);
  });

  it("replaces a closed item's content with a notice unless closed access is granted", () => {
    const closed = events.filter((e) => e.data.access === 'closed');
    expect(closed.map((e) => e.type)).toEqual([INTEGRATION_EVENT_TYPES.proposed, INTEGRATION_EVENT_TYPES.decided]);
    for (const event of closed) {
      expect(redactFor(event, true)).toBe(event);
      const redacted = redactFor(event, false);
      expect(redacted.data).toMatchObject({ title: CLOSED_NOTICE, text: CLOSED_NOTICE, redacted: true, committee: 'Økonomiudvalget' });
      expect(redacted.data).not.toHaveProperty('votes');
      expect(JSON.stringify(redacted)).not.toMatch(/Køb af grund|godkender planen/);
    }
    const open = events.find((e) => e.data.access === 'open') as SagIntegrationEvent;
    expect(redactFor(open, false)).toBe(open);
  });

  it('filters on type, kommune and committee by their keys', () => {
    const filter = parseEventFilter({
      types: [INTEGRATION_EVENT_TYPES.decided],
      kommune: ['lejre kommune'],
      committee: ['Byrådet - 2022-2025'],
    });
    expect(events.filter((e) => matchesFilter(filter, e)).map((e) => treatmentDataOf(e)?.text)).toEqual(['Godkendt']);
    expect(events.filter((e) => matchesFilter(parseEventFilter({ kommune: ['Høje-Taastrup'] }), e))).toHaveLength(2);
    expect(events.filter((e) => matchesFilter(parseEventFilter({ committee: ['Social, Sundhed og Ældre'] }), e))).toHaveLength(3);
  });

  it('takes the short type names the README shows', () => {
    const filter = parseEventFilter({ types: ['decided', 'recommended'] });
    expect(filter.types).toEqual(new Set([INTEGRATION_EVENT_TYPES.decided, INTEGRATION_EVENT_TYPES.recommended]));
    expect(() => parseEventFilter({ types: ['toString'] })).toThrow(expect.objectContaining({ code: 'events.invalid-filter' }));
  });

  it.each([
    [{ types: ['dk.sagsspor.sag.deleted.v1'] }, 'types'],
    [{ kommune: ['Lejre\u202e'] }, 'kommune'],
    [{ types: [] }, 'types'],
    [{ kommune: ['Lejre<script>'] }, 'kommune'],
    [{ kommune: [' '] }, 'kommune'],
    [{ committee: ['x'.repeat(301)] }, 'committee'],
    [{ committee: ['a\nb'] }, 'committee'],
  ])('refuses the filter %j', (spec, field) => {
    expect(() => parseEventFilter(spec)).toThrow(
      expect.objectContaining({ code: 'events.invalid-filter', kind: 'invalid', extensions: { field } }),
    );
  });
});
