import { sagStreamName } from '@sagsspor/sag';
import { ChainVerifier, type VerifiableEvent } from '../src/chain-verifier';
import { chainHash, GENESIS_HASH } from '../src/hash-chain';
import { verifyEventLog, type EventLogReader } from '../src/verify-log';
import { approve, chained, jobs, oekonomi, propose, recommend, recordSteps, SAG, social } from './fixtures';

const STREAM = sagStreamName(SAG);
const steps = [
  { command: propose(social), recordedAt: '2024-02-05T09:15:00.000Z' },
  { command: recommend(jobs), recordedAt: '2024-02-08T10:00:00.000Z' },
  { command: approve(oekonomi), recordedAt: '2024-02-22T08:30:00.000Z' },
];
/** Five events: 0 proposed, 1-2 jobs, 3-4 økonomi. */
const intact = (): VerifiableEvent[] => chained(STREAM, recordSteps(steps));

function verify(events: readonly VerifiableEvent[], maxReported?: number) {
  const verifier = new ChainVerifier(maxReported);
  events.forEach((e) => verifier.check(e));
  return verifier.report(BigInt(events.length));
}

const edit = (events: VerifiableEvent[], revision: number, change: (e: VerifiableEvent) => VerifiableEvent) =>
  events.map((e) => (e.revision === revision ? change(e) : e));
const withData = (e: VerifiableEvent, data: Record<string, unknown>) => ({ ...e, data: { ...(e.data as object), ...data } });
/** What a forger who knows the algorithm does: recompute the edited event's own hash. */
const rehash = (e: VerifiableEvent): VerifiableEvent => {
  const prevHash = e.metadata.prevHash as string;
  return { ...e, metadata: { ...e.metadata, hash: chainHash(prevHash, e) } };
};
const breaks = (r: ReturnType<typeof verify>) => r.broken.map((b) => [b.stream, b.revision, b.reason]);

describe('ChainVerifier', () => {
  it('accepts an intact log', () => {
    expect(verify(intact())).toEqual({ ok: true, streams: 1, events: 5, headPosition: '5', brokenCount: 0, broken: [] });
  });

  it('reports an edited event exactly once, at its revision', () => {
    const r = verify(edit(intact(), 2, (e) => withData(e, { text: 'Forkastet' })));
    expect(r.ok).toBe(false);
    expect(breaks(r)).toEqual([[STREAM, 2, 'hash-mismatch']]);
  });

  it('reports a rewritten hash where the chain no longer links: at the next event', () => {
    const r = verify(edit(intact(), 2, (e) => rehash(withData(e, { text: 'Forkastet' }))));
    expect(breaks(r)).toEqual([[STREAM, 3, 'prev-hash-mismatch']]);
  });

  it('reports an edited prevHash', () => {
    const r = verify(edit(intact(), 1, (e) => ({ ...e, metadata: { ...e.metadata, prevHash: 'f'.repeat(64) } })));
    expect(breaks(r)).toEqual([
      [STREAM, 1, 'prev-hash-mismatch'],
      [STREAM, 1, 'hash-mismatch'],
    ]);
  });

  it('reports a first event that does not start from the genesis hash', () => {
    // Rehashed, so the first event is self-consistent; its successor then names a hash nobody expected.
    const r = verify(edit(intact(), 0, (e) => rehash({ ...e, metadata: { ...e.metadata, prevHash: GENESIS_HASH.replace(/0$/, '1') } })));
    expect(breaks(r)).toEqual([
      [STREAM, 0, 'prev-hash-mismatch'],
      [STREAM, 1, 'prev-hash-mismatch'],
    ]);
  });

  it('reports a missing or malformed hash without blaming the events after it', () => {
    const drop = (e: VerifiableEvent) => ({ ...e, metadata: { ...e.metadata, hash: undefined } });
    expect(breaks(verify(edit(intact(), 1, drop)))).toEqual([[STREAM, 1, 'missing-hash']]);
    const bad = (e: VerifiableEvent) => ({ ...e, metadata: { ...e.metadata, prevHash: 'abc' } });
    expect(breaks(verify(edit(intact(), 1, bad)))).toEqual([[STREAM, 1, 'missing-hash']]);
  });

  it('reports a deleted event as a revision gap at the missing revision', () => {
    const r = verify(intact().filter((e) => e.revision !== 2));
    expect(breaks(r)).toEqual([[STREAM, 2, 'revision-gap']]);
    expect(r.broken[0]?.detail).toMatch(/revision 2 is missing before revision 3/);
    expect(breaks(verify(intact().filter((e) => e.revision !== 0)))).toEqual([[STREAM, 0, 'revision-gap']]);
  });

  it('reports an event id that is not derived from its treatment, even under a recomputed hash', () => {
    const r = verify(
      edit(intact(), 3, (e) => rehash({ ...e, metadata: { ...e.metadata, eventId: '00000000-0000-5000-8000-000000000000' } })),
    );
    expect(breaks(r)).toEqual([
      [STREAM, 3, 'event-id-mismatch'],
      [STREAM, 4, 'prev-hash-mismatch'],
    ]);
  });

  it('reports an edit of the treatment identity both as content and as id', () => {
    const r = verify(edit(intact(), 4, (e) => withData(e, { meetingDate: '2024-02-20' })));
    expect(breaks(r)).toEqual([
      [STREAM, 4, 'hash-mismatch'],
      [STREAM, 4, 'event-id-mismatch'],
    ]);
  });

  it('survives data that no longer describes a treatment', () => {
    const r = verify(edit(intact(), 0, (e) => ({ ...e, data: null })));
    expect(r.broken.map((b) => b.reason)).toEqual(['hash-mismatch', 'event-id-mismatch']);
  });

  it('checks interleaved streams separately and other event types by chain only', () => {
    const other = chained(
      'sag-slagelse:19/3742',
      recordSteps([
        {
          command: { ...propose(social), data: { ...propose(social).data, sag: { kommune: 'Slagelse', sagsnummer: '19/3742' } } } as never,
          recordedAt: '2024-02-06T00:00:00Z',
        },
      ]),
    );
    let prevHash = GENESIS_HASH;
    const foreign: VerifiableEvent[] = [0, 1].map((revision) => {
      const base = {
        streamName: 'import-log',
        revision,
        position: 0n,
        type: 'DocumentImported.v1',
        data: { n: revision },
        metadata: { eventId: `id-${revision}`, prevHash },
      };
      prevHash = chainHash(prevHash, base);
      return { ...base, metadata: { ...base.metadata, hash: prevHash } };
    });
    const [a0, a1, ...aRest] = intact();
    const r = verify([a0!, ...other, foreign[0]!, a1!, foreign[1]!, ...aRest]);
    expect(r).toMatchObject({ ok: true, streams: 3, events: 8 });
  });

  it('lists at most maxReported breaks but counts them all', () => {
    const tampered = intact().map((e) => withData(e, { text: 'x' }));
    const r = verify(tampered, 2);
    expect(r).toMatchObject({ ok: false, brokenCount: 5 });
    expect(r.broken).toHaveLength(2);
  });
});

describe('verifyEventLog', () => {
  /** A log read in pages, which keeps growing while it is verified. */
  function growingLog(events: VerifiableEvent[], head: bigint) {
    const calls: { after?: bigint; maxCount?: number }[] = [];
    const reader: EventLogReader = {
      headPosition: async () => head,
      readAll: async (options) => {
        calls.push(options);
        const after = options.after ?? -1n;
        return events.filter((e) => e.position > after).slice(0, options.maxCount ?? events.length);
      },
    };
    return { reader, calls };
  }

  it('reads the whole log in pages of the given size and stops at the head seen at the start', async () => {
    const events = intact();
    const { reader, calls } = growingLog(events, 4n);
    const r = await verifyEventLog(reader, { pageSize: 2 });
    expect(r).toMatchObject({ ok: true, events: 4, headPosition: '4' });
    expect(calls).toEqual([{ maxCount: 2 }, { after: 2n, maxCount: 2 }]);
  });

  it('does not take a short page for the end', async () => {
    const events = intact();
    const reader: EventLogReader = {
      headPosition: async () => 5n,
      readAll: async ({ after = -1n }) => events.filter((e) => e.position > after).slice(0, 1),
    };
    expect(await verifyEventLog(reader, { pageSize: 3 })).toMatchObject({ ok: true, events: 5 });
  });

  it('answers an empty log with ok', async () => {
    const { reader } = growingLog([], -1n);
    expect(await verifyEventLog(reader)).toEqual({ ok: true, streams: 0, events: 0, headPosition: '-1', brokenCount: 0, broken: [] });
  });
});
