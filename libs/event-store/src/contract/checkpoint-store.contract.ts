import { EMPTY_LOG, extend, signCheckpoint, type CheckpointSegment, type CheckpointStore, type Leaf, type LogHead } from '@sagsspor/audit';

export interface CheckpointStoreFixture {
  readonly store: CheckpointStore;
  /** A second connection to the same checkpoints, as another process has. */
  readonly other: CheckpointStore;
  cleanup(): Promise<void>;
}

const HASH = (n: number): string => n.toString(16).padStart(64, '0');

/** Segments of `sizes` events, at positions 10, 20, 30, … */
function segments(sizes: readonly number[]): CheckpointSegment[] {
  let head: LogHead = EMPTY_LOG;
  let position = 0;
  return sizes.map((size) => {
    const leaves: Leaf[] = [];
    for (let i = 0; i < size; i += 1) {
      position += 10;
      const leaf = { position: BigInt(position), hash: HASH(position) };
      head = extend(head, leaf);
      leaves.push(leaf);
    }
    return { checkpoint: signCheckpoint(head, null), leaves };
  });
}

async function collect(leaves: AsyncIterable<Leaf>): Promise<Leaf[]> {
  const found: Leaf[] = [];
  for await (const leaf of leaves) found.push(leaf);
  return found;
}

/** What every CheckpointStore adapter must do: the embedded table and the EventStoreDB stream alike. */
export function describeCheckpointStoreContract(name: string, open: () => Promise<CheckpointStoreFixture>): void {
  describe(`CheckpointStore contract: ${name}`, () => {
    let fixture: CheckpointStoreFixture;
    beforeEach(async () => {
      fixture = await open();
    });
    afterEach(() => fixture.cleanup());

    it('is empty at first', async () => {
      expect(await fixture.store.latest()).toBeNull();
      expect(await fixture.store.atOrBefore(100n)).toBeNull();
      expect(await fixture.store.list({ limit: 10 })).toEqual([]);
      expect(await collect(fixture.store.leavesThrough(100n))).toEqual([]);
    });

    it('keeps checkpoints in order, finds the newest at or before a position, and pages', async () => {
      const [a, b, c] = segments([2, 3, 1]) as [CheckpointSegment, CheckpointSegment, CheckpointSegment];
      expect(await fixture.store.add(a, null)).toBe(true);
      expect(await fixture.store.add(b, 20n)).toBe(true);
      expect(await fixture.store.add(c, 50n)).toBe(true);
      expect(await fixture.store.latest()).toEqual(c.checkpoint);
      expect(await fixture.other.latest()).toEqual(c.checkpoint);
      expect(await fixture.store.atOrBefore(49n)).toEqual(a.checkpoint);
      expect(await fixture.store.atOrBefore(50n)).toEqual(b.checkpoint);
      expect(await fixture.store.atOrBefore(19n)).toBeNull();
      expect(await fixture.store.list({ limit: 2 })).toEqual([a.checkpoint, b.checkpoint]);
      expect(await fixture.store.list({ after: 20n, limit: 10 })).toEqual([b.checkpoint, c.checkpoint]);
    });

    it('adds a checkpoint only on top of the one it extends: another process that got there first wins', async () => {
      const [a, b] = segments([2, 2]) as [CheckpointSegment, CheckpointSegment];
      expect(await fixture.store.add(a, null)).toBe(true);
      expect(await fixture.other.add(a, null)).toBe(false);
      expect(await fixture.other.add(b, 10n)).toBe(false);
      expect(await fixture.other.add(b, 20n)).toBe(true);
      expect(await fixture.store.add(b, 20n)).toBe(false);
      expect((await fixture.store.list({ limit: 10 })).map((c) => c.position)).toEqual(['20', '40']);
    });

    it('gives back every stored leaf through a position, in order', async () => {
      const [a, b] = segments([2, 3]) as [CheckpointSegment, CheckpointSegment];
      await fixture.store.add(a, null);
      await fixture.store.add(b, 20n);
      expect(await collect(fixture.store.leavesThrough(50n))).toEqual([...a.leaves, ...b.leaves]);
      expect(await collect(fixture.store.leavesThrough(30n))).toEqual([...a.leaves, ...b.leaves.slice(0, 1)]);
    });
  });
}
