import { sagEventOf } from '@sagsspor/sag';
import type { DecisionRow, MeetingItemRow } from '@sagsspor/read-model';
import { ProjectedSag } from '../src/rows/projected-sag';
import type { SagChange } from '../src/rows/sag-change';
import { rng } from '../testing/random-scenario';
import { scenarioStore } from '../testing/scenario';

/** Rows as a store holds them after applying changes: keyed as the stores key them. */
class Rows {
  readonly items = new Map<string, MeetingItemRow>();
  readonly decisions = new Map<string, DecisionRow>();
  apply(change: SagChange): void {
    const key = (m: MeetingItemRow) => `${m.committeeKey}|${m.meetingDate}|${m.item ?? ''}`;
    for (const m of change.meetingItems.remove) this.items.delete(key(m));
    for (const m of change.meetingItems.put) this.items.set(key(m), m);
    for (const d of change.decisions.remove) this.decisions.delete(d.eventId);
    for (const d of change.decisions.put) this.decisions.set(d.eventId, d);
  }
}

const sortedBy = <T>(rows: Iterable<T>, key: (r: T) => string) => [...rows].sort((a, b) => (key(a) < key(b) ? -1 : 1));

describe('a sag projected batch by batch', () => {
  it.each([21, 22, 23, 24, 25, 26])('writes the rows a projection of its whole stream at once derives, seed %i', async (seed) => {
    // Given random histories, cut into random batches
    const store = await scenarioStore(seed, 300, 5);
    const random = rng(seed);
    const events = await store.readAll();
    const sager = new Map<string, { sag: ProjectedSag; rows: Rows; summary: NonNullable<SagChange['sag']>['summary'] | null }>();
    // When each batch's changes are applied to what was written before
    for (let i = 0; i < events.length; ) {
      const batch = events.slice(i, i + 1 + Math.floor(random() * 12));
      i += batch.length;
      const touched = new Set<string>();
      for (const e of batch) {
        const event = sagEventOf(e);
        if (!event) continue;
        let entry = sager.get(e.streamName);
        if (!entry) sager.set(e.streamName, (entry = { sag: ProjectedSag.startedBy(e, event), rows: new Rows(), summary: null }));
        entry.sag.apply(e, event);
        touched.add(e.streamName);
      }
      for (const name of touched) {
        const entry = sager.get(name);
        const change = entry?.sag.change();
        if (!entry || !change) continue;
        entry.rows.apply(change);
        entry.summary = change.sag?.summary ?? entry.summary;
      }
    }
    // Then every sag's rows and summary are what its whole stream derives at once
    expect(sager.size).toBeGreaterThan(2);
    for (const [name, entry] of sager) {
      const stream = await store.readStream(name);
      const first = stream[0];
      const firstEvent = first && sagEventOf(first);
      if (!first || !firstEvent) throw new Error(`no events in ${name}`);
      const whole = ProjectedSag.startedBy(first, firstEvent);
      for (const e of stream) whole.apply(e, sagEventOf(e) ?? firstEvent);
      const expected = whole.change();
      expect(entry.summary).toEqual(expected?.sag?.summary);
      const current = expected?.current();
      expect(sortedBy(entry.rows.items.values(), (m) => `${m.committeeKey}|${m.meetingDate}|${m.item}`)).toEqual(
        sortedBy(current?.meetingItems ?? [], (m) => `${m.committeeKey}|${m.meetingDate}|${m.item}`),
      );
      expect(sortedBy(entry.rows.decisions.values(), (d) => d.eventId)).toEqual(sortedBy(current?.decisions ?? [], (d) => d.eventId));
    }
  });
});

describe('rows of a treatment without a proposal of its own', () => {
  const lejre = { kommune: 'Lejre', sagsnummer: '24-7', evidence: 'direct' as const, supersedes: null, quality: [] };
  const at = (committee: string, meetingDate: string, item: number) => ({
    ...lejre,
    committee,
    committeeKey: committee.toLocaleLowerCase('da'),
    meetingDate,
    item,
  });
  const stored = (revision: number, event: { type: string; data: object }) => ({
    streamName: 'sag-lejre-24-7',
    revision,
    position: BigInt(revision),
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: { eventId: `e${revision}`, recordedAt: '2024-05-01T00:00:00Z', recordedBy: 'test', source: null },
  });
  const rowsOf = (access: 'open' | 'closed') => {
    const events = [
      stored(0, {
        type: 'SagProposed.v2',
        data: {
          ...at('Økonomiudvalget', '2024-03-05', 3),
          text: 'x',
          title: 'Køb af Hovedgaden 4',
          proposedBy: null,
          proposal: 'x',
          access,
        },
      }),
      // Known only from another body's minutes: decided there, with no proposal of its own.
      stored(1, {
        type: 'SagDecided.v2',
        data: { ...at('Byrådet', '2024-03-28', 9), text: 'Godkendt', outcome: 'approved', votes: null, absent: [] },
      }),
    ];
    const first = events[0] as (typeof events)[number];
    const sag = ProjectedSag.startedBy(first, sagEventOf(first) as NonNullable<ReturnType<typeof sagEventOf>>);
    for (const e of events) sag.apply(e, sagEventOf(e) as NonNullable<ReturnType<typeof sagEventOf>>);
    const change = sag.change();
    if (!change) throw new Error('no change');
    return change;
  };

  it('given a closed titling proposal, when a decision elsewhere has no proposal, then its rows borrow no title', () => {
    const change = rowsOf('closed');
    const byraadet = change.decisions.put.find((d) => d.committee === 'Byrådet');
    expect(byraadet).toMatchObject({ title: null, access: 'open', text: 'Godkendt' });
    expect(change.meetingItems.put.find((m) => m.committee === 'Byrådet')).toMatchObject({ title: null, access: 'open' });
  });

  it('given an open titling proposal, when a decision elsewhere has no proposal, then its rows borrow the sag title', () => {
    const change = rowsOf('open');
    expect(change.decisions.put.find((d) => d.committee === 'Byrådet')).toMatchObject({ title: 'Køb af Hovedgaden 4', access: 'open' });
  });
});
