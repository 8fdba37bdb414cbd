import {
  buildHistory,
  changesOf,
  decide,
  decideCorrection,
  decideWithdrawals,
  decodeSagEvent,
  eventIdOf,
  fold,
  storedFormOf,
  treatmentsOf,
  type Correction,
  type CorrectTreatment,
  type RecordedSagEvent,
  type SagEvent,
  type TreatmentChanges,
} from '@sagsspor/sag';
import { decided, oekonomi, proposed, sag, social } from './fixtures';
import { given } from './given-when-then';

const clerk: Correction = { reason: 'Forkert udfald indtastet', source: { kind: 'clerk', clerk: 'api-key:clerk' } };
const document: Correction = {
  reason: 'Newer version of the minutes',
  source: { kind: 'document', name: 'v2.txt', sha256: 'a'.repeat(64) },
};

const correcting = (corrects: string, changes: TreatmentChanges, correction = clerk): CorrectTreatment => ({
  type: 'CorrectTreatment',
  data: { sag, corrects, changes, correction },
});

const recorded = (events: SagEvent[], at = 0): RecordedSagEvent[] =>
  events.map((event, i) => ({
    event,
    provenance: {
      eventId: eventIdOf(event),
      revision: i,
      position: String(at + i + 1),
      recordedAt: `2024-03-0${i + 1}T10:00:00.000Z`,
      recordedBy: 'test',
      source: null,
    },
  }));

/** What a store gives back: the stored form, decoded. */
const roundTrip = (e: SagEvent): SagEvent => {
  const stored = JSON.parse(JSON.stringify(storedFormOf(e))) as { type: string; data: unknown };
  return decodeSagEvent(stored.type, stored.data) as SagEvent;
};

describe('corrections (a clerk names the record, says why)', () => {
  const p = proposed(oekonomi);
  const d = decided(oekonomi, 'approved', 'Godkendt.');

  it('given a decision, when a clerk corrects its outcome, then one correction names the record it corrects, with reason and source', () => {
    const [event, ...rest] = decideCorrection(correcting(eventIdOf(d), { outcome: 'rejected', text: 'Forkastet.' }), fold([p, d]));
    expect(rest).toEqual([]);
    expect(event).toEqual({
      type: 'SagDecided.v2',
      data: { ...d.data, outcome: 'rejected', text: 'Forkastet.', supersedes: eventIdOf(d), correction: clerk },
    });
    expect(storedFormOf(event as SagEvent).type).toBe('SagTreatmentCorrected.v1');
    expect(roundTrip(event as SagEvent)).toEqual(event);
    expect(eventIdOf(roundTrip(event as SagEvent))).toBe(eventIdOf(event as SagEvent));
  });

  it('given a decision, when a clerk "corrects" it to the same content, then nothing is recorded', () => {
    expect(decideCorrection(correcting(eventIdOf(d), { outcome: 'approved', text: 'Godkendt.' }), fold([p, d]))).toEqual([]);
  });

  it('names an unknown or superseded record: not found; without reason: invalid; a field its step lacks: invalid', () => {
    const state = fold([p, d]);
    expect(() => decideCorrection(correcting('00000000-0000-5000-8000-000000000000', { text: 'x' }), state)).toThrow(
      expect.objectContaining({ code: 'sag.treatment-not-found' }) as unknown as Error,
    );
    expect(() => decideCorrection(correcting(eventIdOf(d), { text: 'x' }, { ...clerk, reason: ' ' }), state)).toThrow(
      expect.objectContaining({ code: 'sag.invalid-command' }) as unknown as Error,
    );
    expect(() => decideCorrection(correcting(eventIdOf(d), { access: 'closed' }), state)).toThrow(
      expect.objectContaining({ code: 'sag.invalid-command' }) as unknown as Error,
    );
    const [c] = decideCorrection(correcting(eventIdOf(d), { text: 'Forkastet.' }), state);
    expect(() => decideCorrection(correcting(eventIdOf(d), { text: 'y' }), fold([p, d, c as SagEvent]))).toThrow(
      expect.objectContaining({ code: 'sag.treatment-not-found' }) as unknown as Error,
    );
  });

  it('refuses a caller without closed access who corrects a closed record', () => {
    const closed = proposed(oekonomi, { title: 'Lukket', proposal: 'Hemmeligt', access: 'closed' });
    expect(() => decideCorrection({ ...correcting(eventIdOf(closed), { title: 'x' }), closedAccess: false }, fold([closed]))).toThrow(
      expect.objectContaining({ code: 'sag.treatment-closed' }) as unknown as Error,
    );
  });

  it('an ordinary write that contradicts the record stays a 409 that says how to correct instead', () => {
    given(p, d)
      .when({ type: 'DecideSag', data: { sag, treatment: oekonomi, outcome: 'rejected', text: 'Forkastet.' } })
      .thenFailsWith('sag.treatment-conflict');
    try {
      decide({ type: 'DecideSag', data: { sag, treatment: oekonomi, outcome: 'rejected', text: 'Forkastet.' } }, fold([p, d]));
    } catch (error) {
      expect((error as { extensions: Record<string, unknown> }).extensions['correct']).toMatchObject({
        method: 'POST',
        body: { corrects: eventIdOf(d) },
      });
    }
  });
});

describe('a newer document version (the import)', () => {
  const p = proposed(oekonomi);
  const d = decided(oekonomi, 'approved', 'Godkendt.');
  const command = { type: 'DecideSag', data: { sag, treatment: oekonomi, outcome: 'noted', text: 'Taget til efterretning.' } } as const;

  it('corrects a direct record it states differently, and states nothing new the same way twice', () => {
    const events = decide({ ...command, correction: document }, fold([p, d]));
    expect(events).toEqual([
      { type: 'SagDecided.v2', data: expect.objectContaining({ outcome: 'noted', supersedes: eventIdOf(d), correction: document }) },
    ]);
    expect(decide({ ...command, correction: document }, fold([p, d, ...events]))).toEqual([]);
  });

  it('given a caller without closed access, then a closed item is neither corrected nor withdrawn: the same refusal as any write', () => {
    const closed = proposed(oekonomi, { title: 'Køb af grund', proposal: 'Fortroligt', access: 'closed' });
    const decidedClosed = decided(oekonomi, 'approved', 'Godkendt.');
    const meeting = { committeeKey: 'økonomiudvalget', meetingDate: oekonomi.meetingDate };
    const state = fold([closed, decidedClosed]);
    expect(decideWithdrawals(state, meeting, [], document, false)).toEqual([]);
    expect(decideWithdrawals(state, meeting, [], document, true)).toHaveLength(1);
    expect(decideWithdrawals(state, meeting, [], document)).toHaveLength(1);
    for (const text of ['Godkendt.', 'Forkastet.']) {
      expect(() => decide({ ...command, data: { ...command.data, text }, correction: document, closedAccess: false }, state)).toThrow(
        expect.objectContaining({ code: 'sag.treatment-closed' }),
      );
    }
  });

  it('withdraws the direct records of the meeting it no longer states, and a treatment stated again after gets an id of its own', () => {
    const other = proposed(social);
    const state = fold([p, d, other]);
    const stated = treatmentsOf({ type: 'ProposeSag', data: { sag, treatment: social, proposal: { title: 't', proposal: 'p' } } });
    expect(decideWithdrawals(state, { committeeKey: 'økonomiudvalget', meetingDate: oekonomi.meetingDate }, stated, document)).toEqual([
      {
        type: 'SagTreatmentWithdrawn.v1',
        data: expect.objectContaining({
          supersedes: eventIdOf(d),
          step: 'decided',
          withdraws: [eventIdOf(p), eventIdOf(d)],
          correction: document,
        }),
      },
    ]);
    const withdrawals = decideWithdrawals(state, { committeeKey: 'økonomiudvalget', meetingDate: oekonomi.meetingDate }, stated, document);
    const after = fold([p, d, other, ...withdrawals]);
    expect(after.records.map((r) => r.event)).toEqual([other]);
    const again = decide(
      {
        type: 'ProposeSag',
        data: {
          sag,
          treatment: oekonomi,
          proposal: { title: 'Status på kvartalsplaner', proposedBy: 'Direktionen', proposal: '1. at udvalget anbefaler planen' },
        },
      },
      after,
    );
    expect(again).toHaveLength(1);
    expect(eventIdOf(again[0] as SagEvent)).not.toBe(eventIdOf(p));
    const decidedAgain = decide(
      { type: 'DecideSag', data: { sag, treatment: oekonomi, outcome: 'approved', text: 'Godkendt.' } },
      fold([p, d, other, ...withdrawals, ...again]),
    );
    expect(new Set([p, d, ...withdrawals, ...again, ...decidedAgain].map(eventIdOf)).size).toBe(5);
    const history = buildHistory(recorded([p, d, other, ...withdrawals, ...again, ...decidedAgain]));
    expect(history?.timeline.filter((e) => e.withdrawn)).toEqual([]);
    expect(history?.timeline.find((e) => e.kind === 'decided')).toMatchObject({ text: 'Godkendt.', versions: [{ text: 'Godkendt.' }] });
  });
});

describe('history and changes show corrections', () => {
  const p = proposed(oekonomi);
  const d = decided(oekonomi, 'approved', 'Godkendt.');
  const [c] = decideCorrection(correcting(eventIdOf(d), { outcome: 'rejected', text: 'Forkastet.' }), fold([p, d]));
  const stream = recorded([p, d, c as SagEvent]);

  it('the entry is corrected and keeps the earlier version with who recorded it when', () => {
    const history = buildHistory(stream);
    const entry = history?.timeline.find((e) => e.kind === 'decided');
    expect(entry).toMatchObject({
      text: 'Forkastet.',
      outcome: 'rejected',
      corrected: true,
      correction: clerk,
      versions: [{ text: 'Godkendt.', outcome: 'approved', provenance: { revision: 1, recordedAt: '2024-03-02T10:00:00.000Z' } }],
    });
    expect(history?.timeline.find((e) => e.kind === 'proposed')).toMatchObject({ corrected: false });
    expect(history?.timeline.find((e) => e.kind === 'proposed')).not.toHaveProperty('versions');
  });

  it('before the correction the history reads exactly as it did', () => {
    expect(buildHistory(stream.slice(0, 2))).toEqual(buildHistory(recorded([p, d])));
  });

  it('a withdrawn entry is flagged, not hidden, and no longer counts for status', () => {
    const [w] = decideWithdrawals(
      fold([p, d]),
      { committeeKey: 'økonomiudvalget', meetingDate: oekonomi.meetingDate },
      treatmentsOf({ type: 'ProposeSag', data: { sag, treatment: oekonomi, proposal: { title: 't', proposal: 'p' } } }),
      document,
    );
    const history = buildHistory(recorded([p, d, w as SagEvent]));
    expect(history?.status).toBe('proposed');
    expect(history?.timeline.filter((e) => e.withdrawn).map((e) => e.kind)).toEqual(['decided']);
    expect(history?.timeline.find((e) => e.kind === 'decided')).toMatchObject({
      text: 'Godkendt.',
      withdrawn: { reason: document.reason, source: document.source, provenance: { revision: 2 } },
    });
    expect(history?.status).toBe('proposed');
  });

  it('changes since a revision list each change with before and after', () => {
    const changes = changesOf(stream, (prov) => prov.revision < 2);
    expect(changes).toEqual([
      expect.objectContaining({
        kind: 'corrected',
        step: 'decided',
        supersedes: eventIdOf(d),
        correction: clerk,
        before: expect.objectContaining({ text: 'Godkendt.', outcome: 'approved' }),
        after: expect.objectContaining({ text: 'Forkastet.', outcome: 'rejected', corrected: true }),
      }),
    ]);
    expect(changesOf(stream, () => false).map((x) => x.kind)).toEqual(['recorded', 'recorded', 'corrected']);
  });
});
