import { InMemoryEventStore, type RecordedEvent } from '@sagsspor/event-store';
import { decideCorrection, decideWithdrawals, type Correction, type SagState, type TreatmentInput } from '@sagsspor/sag';
import {
  CLOSED_NOTICE,
  INTEGRATION_EVENT_TYPES,
  IntegrationEventMapper,
  redactFor,
  treatmentDataOf,
  type SagIntegrationEvent,
} from '../src';
import { record, recordDecided } from '../testing/record';
import { integrationEventErrors } from '../testing/schema-validator';

const sag = { kommune: 'Lejre', sagsnummer: '24-000123' };
const oekonomi: TreatmentInput = { committee: 'Økonomiudvalget', meetingDate: '2024-02-21', item: 12 };
const proposal = { title: 'Salg af Vestergade 3', proposedBy: 'Direktionen', proposal: 'At ejendommen udbydes til salg' };
const clerk: Correction = { reason: 'Punktet skulle have været lukket', source: { kind: 'clerk', clerk: 'api-key:clerk' } };
const v2: Correction = { reason: 'Newer version of the minutes', source: { kind: 'document', name: 'oeu-v2.txt', sha256: 'b'.repeat(64) } };

const idOf = (state: SagState, step: string) => state.records.find((r) => r.step === step)?.id ?? '';

describe('integration events of corrections and withdrawals', () => {
  let stored: RecordedEvent[];
  let events: SagIntegrationEvent[];

  beforeAll(async () => {
    const store = new InMemoryEventStore();
    await record(store, {
      type: 'DecideSag',
      data: { sag, treatment: oekonomi, outcome: 'approved', text: 'Godkendt. Salgspris 4,2 mio. kr.', proposal },
    });
    const correct = (step: string, changes: object, correction = clerk) =>
      recordDecided(store, sag, (s) =>
        decideCorrection({ type: 'CorrectTreatment', data: { sag, corrects: idOf(s, step), changes, correction } }, s),
      );
    await correct('decided', { text: 'Godkendt. Salgspris 4,4 mio. kr.' });
    await correct('proposed', { access: 'closed' });
    await correct('decided', { outcome: 'rejected', text: 'Forkastet. Salgspris 4,4 mio. kr.' }, v2);
    await recordDecided(store, sag, (s) => decideWithdrawals(s, { committeeKey: 'økonomiudvalget', meetingDate: '2024-02-21' }, [], v2));
    stored = await store.readAll();
    const mapper = new IntegrationEventMapper(store);
    events = (await Promise.all(stored.map((e) => mapper.map(e)))).filter((e): e is SagIntegrationEvent => e !== null);
  });

  it('tells each correction and withdrawal as its own type, supersedes naming the event it replaces, valid by the schemas', () => {
    expect(events.map((e) => e.type.split('.')[3])).toEqual(['proposed', 'decided', 'corrected', 'corrected', 'corrected', 'withdrawn']);
    const byId = new Map(events.map((e) => [e.id, e]));
    for (const e of events.slice(2)) {
      expect(byId.has(treatmentDataOf(e)?.supersedes ?? '')).toBe(true);
      expect(integrationEventErrors(e)).toEqual([]);
      expect(integrationEventErrors(redactFor(e, false))).toEqual([]);
    }
    expect(events[2]?.data).toMatchObject({
      step: 'decided',
      supersedes: events[1]?.id,
      text: 'Godkendt. Salgspris 4,4 mio. kr.',
      correction: clerk,
    });
    expect(events[3]?.data).toMatchObject({ step: 'proposed', supersedes: events[0]?.id, access: 'closed' });
    expect(events[4]?.data).toMatchObject({ step: 'decided', supersedes: events[2]?.id, outcome: 'rejected', correction: v2 });
    expect(events[5]?.data).toMatchObject({ supersedes: events[4]?.id, withdraws: [events[3]?.id, events[4]?.id] });
  });

  it('replayed after the access correction, even what was told while it was open is closed now; closed access still sees it', async () => {
    for (const e of events.slice(0, 3)) {
      expect(e.data.access).toBe('closed');
      expect(JSON.stringify(redactFor(e, false))).not.toMatch(/Vestergade|Salgspris|udbydes/);
    }
    expect(redactFor(events[0] as SagIntegrationEvent, true).data.title).toBe(proposal.title);
    // Told live (nothing recorded after it yet), the first events were open.
    const live = new IntegrationEventMapper({
      readStream: () => Promise.resolve([]),
      headPosition: () => Promise.resolve(stored[0]?.position ?? 0n),
    });
    expect((await live.map(stored[0] as RecordedEvent))?.data.access).toBe('open');
  });

  it('a subscriber without closed access never sees the content of a treatment once it is corrected to closed', () => {
    const fromThen = events.slice(3).map((e) => redactFor(e, false));
    for (const e of fromThen) {
      expect(e.data.access).toBe('closed');
      expect(JSON.stringify(e)).not.toMatch(/Vestergade|Salgspris|udbydes|skulle have været lukket/);
    }
    expect(fromThen[0]?.data).toMatchObject({ title: CLOSED_NOTICE, redacted: true, correction: { reason: CLOSED_NOTICE } });
    expect(treatmentDataOf(redactFor(events[4] as SagIntegrationEvent, true))?.text).toBe('Forkastet. Salgspris 4,4 mio. kr.');
    expect(stored.map((e) => e.type)).toContain('SagTreatmentCorrected.v1');
    expect(INTEGRATION_EVENT_TYPES.corrected).toBe('dk.sagsspor.sag.corrected.v1');
  });
});
