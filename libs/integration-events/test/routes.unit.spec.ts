import { InMemoryEventStore, type RecordedEvent } from '@sagsspor/event-store';
import type { RecordRoute, SagCommand, TreatmentInput } from '@sagsspor/sag';
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
import { record, recordRoute } from '../testing/record';
import { integrationEventErrors } from '../testing/schema-validator';

const sag = { kommune: 'Lejre', sagsnummer: '24-000101' };
const closedSag = { kommune: 'Lejre', sagsnummer: '24-000102' };
const proposal = { title: 'Udbygning af Hvalsø Skole', proposal: 'Forvaltningen indstiller til byrådet via Økonomiudvalget, at ...' };
const at = (committee: string, meetingDate: string, item: number): TreatmentInput => ({ committee, meetingDate, item });
const oeu = at('Økonomiudvalget', '2024-03-20', 5);
const by1 = at('Byrådet', '2024-03-27', 9);
const by2 = at('Byrådet', '2024-04-24', 3);

const route = (s: typeof sag, effectiveDate: string): RecordRoute => ({
  type: 'RecordRoute',
  data: {
    sag: s,
    via: [{ committee: 'Økonomiudvalget' }],
    decidingBodies: [{ committee: 'Byrådet' }],
    sources: [{ kind: 'indstilling', text: 'indstiller til byrådet via Økonomiudvalget', document: 'oeu-2024-03-20.pdf', line: 12 }],
    effectiveDate,
  },
});

describe('Routes and final decisions as integration events', () => {
  let store: InMemoryEventStore;
  let stored: RecordedEvent[];
  let events: SagIntegrationEvent[];

  beforeAll(async () => {
    store = new InMemoryEventStore();
    const when = '2024-04-25T10:00:00.000Z';
    const commands: SagCommand[] = [
      { type: 'ProposeSag', data: { sag, treatment: oeu, proposal } },
      { type: 'RecommendSag', data: { sag, treatment: oeu, recommendedTo: 'Byrådet', text: 'Indstillingen anbefales.' } },
      { type: 'DecideSag', data: { sag, treatment: by1, outcome: 'postponed', text: 'Udsat.', proposal } },
      { type: 'DecideSag', data: { sag, treatment: by2, outcome: 'approved', text: 'Godkendt.', proposal } },
    ];
    await record(store, commands[0] as SagCommand, when);
    await recordRoute(store, route(sag, '2024-03-20'), when);
    for (const c of commands.slice(1)) await record(store, c, when);
    await record(
      store,
      { type: 'ProposeSag', data: { sag: closedSag, treatment: oeu, proposal: { ...proposal, access: 'closed' } } },
      when,
    );
    await recordRoute(store, route(closedSag, '2024-03-20'), when);
    stored = await store.readAll();
    const mapper = new IntegrationEventMapper(store);
    events = [];
    for (const e of stored) {
      const mapped = await mapper.map(e);
      if (mapped) events.push(mapped);
    }
  });

  describe('given a sag routed via Økonomiudvalget to Byrådet, postponed and then approved by Byrådet', () => {
    it('when delivered, then the route version is a routed event, valid by its schema, with the stops and the text it was read from', () => {
      const routed = events.filter((e) => e.type === INTEGRATION_EVENT_TYPES.routed);
      expect(routed).toHaveLength(2);
      const [open] = routed;
      expect(open?.data).toMatchObject({
        kommune: 'Lejre',
        sagsnummer: '24-000101',
        title: proposal.title,
        via: [{ committee: 'Økonomiudvalget', committeeKey: 'økonomiudvalget' }],
        decidingBodies: [{ committee: 'Byrådet', committeeKey: 'byrådet' }],
        sources: [{ kind: 'indstilling', text: 'indstiller til byrådet via Økonomiudvalget', document: 'oeu-2024-03-20.pdf', line: 12 }],
        effectiveDate: '2024-03-20',
        access: 'open',
        redacted: false,
        link: '/sager/Lejre/24-000101',
      });
      expect(open?.sagssporbusinessdate).toBe('2024-03-20');
      for (const e of routed) {
        expect(integrationEventErrors(e)).toEqual([]);
        expect(integrationEventErrors(redactFor(e, false))).toEqual([]);
      }
    });

    it('when the decisions are delivered, then only the approval by the deciding body is final', () => {
      const decided = events.filter((e) => e.type === INTEGRATION_EVENT_TYPES.decided);
      expect(decided.map((e) => [treatmentDataOf(e)?.committeeKey, e.data.sagsnummer, 'final' in e.data && e.data.final])).toEqual([
        ['byrådet', '24-000101', false],
        ['byrådet', '24-000101', true],
      ]);
      for (const e of decided) expect(integrationEventErrors(e)).toEqual([]);
    });

    it('when a consumer starts after the route (a checkpoint), then it reads the stream and tells the same', async () => {
      const fresh = new IntegrationEventMapper(store);
      const last = stored.filter((e) => e.streamName === stored[0]?.streamName).slice(-1);
      const [approved] = await Promise.all(last.map((e) => fresh.map(e)));
      expect(approved?.data).toMatchObject({ final: true });
    });

    it('when a subscriber filters by committee, then a route version matches every committee it names', () => {
      const routed = events.filter((e) => e.type === INTEGRATION_EVENT_TYPES.routed);
      expect(routed.filter((e) => matchesFilter(parseEventFilter({ committee: ['Økonomiudvalget'] }), e))).toHaveLength(2);
      expect(routed.filter((e) => matchesFilter(parseEventFilter({ committee: ['Byrådet'] }), e))).toHaveLength(2);
      expect(routed.filter((e) => matchesFilter(parseEventFilter({ committee: ['Plan- og Boligudvalget'] }), e))).toHaveLength(0);
      expect(routed.filter((e) => matchesFilter(parseEventFilter({ types: ['routed'] }), e))).toHaveLength(2);
    });
  });

  describe('given a route of a sag whose proposal is closed', () => {
    it('when delivered without closed access, then its title and quoted text are the notice; with it, as recorded', () => {
      const closed = events.find((e) => e.type === INTEGRATION_EVENT_TYPES.routed && e.data.sagsnummer === closedSag.sagsnummer);
      if (!closed) throw new Error('no routed event for the closed sag');
      expect(closed.data).toMatchObject({ access: 'closed', redacted: false, title: proposal.title });
      expect(redactFor(closed, false).data).toMatchObject({
        title: CLOSED_NOTICE,
        redacted: true,
        sources: [{ kind: 'indstilling', text: CLOSED_NOTICE }],
        via: [{ committeeKey: 'økonomiudvalget' }],
      });
      expect(redactFor(closed, true)).toEqual(closed);
    });
  });
});
