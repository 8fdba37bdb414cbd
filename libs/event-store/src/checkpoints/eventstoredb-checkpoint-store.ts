import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  jsonEvent,
  NO_STREAM,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type ReadStreamOptions,
} from '@eventstore/db-client';
import {
  CHECKPOINT_STREAM,
  decodeLeaves,
  encodeLeaves,
  type Checkpoint,
  type CheckpointSegment,
  type CheckpointStore,
  type Leaf,
} from '@sagsspor/audit';

const EVENT_TYPE = 'AuditCheckpointed.v1';
const PAGE = 100;

/** As stored in the event: the checkpoint, and its segment's leaves encoded as in the embedded table. */
interface CheckpointData extends Checkpoint {
  readonly leaves: string;
}

interface Stored {
  readonly revision: bigint;
  readonly data: CheckpointData;
}

const checkpointOf = ({ data }: Stored): Checkpoint => ({
  position: data.position,
  count: data.count,
  root: data.root,
  keyId: data.keyId,
  signature: data.signature,
});

/**
 * Checkpoints on EventStoreDB: one event per checkpoint in a stream of their
 * own (CHECKPOINT_STREAM), appended pinned to the revision of the checkpoint
 * it extends, so two checkpointers can never interleave. The stream shows in
 * $all; the checkpointer and verify leave it out of the log they vouch for.
 */
export class EventStoreDbCheckpointStore implements CheckpointStore {
  private readonly client: EventStoreDBClient;

  constructor(connectionString: string) {
    this.client = EventStoreDBClient.connectionString(connectionString);
  }

  async latest(): Promise<Checkpoint | null> {
    const newest = await this.newest();
    return newest ? checkpointOf(newest) : null;
  }

  async atOrBefore(position: bigint): Promise<Checkpoint | null> {
    for (let from: bigint | typeof END = END; ; ) {
      const page = await this.read({ direction: BACKWARDS, fromRevision: from, maxCount: PAGE });
      const found = page.find((stored) => BigInt(stored.data.position) <= position);
      if (found) return checkpointOf(found);
      const oldest = page[page.length - 1];
      if (page.length < PAGE || !oldest || oldest.revision === 0n) return null;
      from = oldest.revision - 1n;
    }
  }

  async list({ after, limit }: { readonly after?: bigint; readonly limit: number }): Promise<Checkpoint[]> {
    const found: Checkpoint[] = [];
    for await (const stored of this.forwards()) {
      if (found.length >= limit) break;
      if (after === undefined || BigInt(stored.data.position) > after) found.push(checkpointOf(stored));
    }
    return found;
  }

  async add({ checkpoint, leaves }: CheckpointSegment, previous: bigint | null): Promise<boolean> {
    const newest = await this.newest();
    if ((newest ? BigInt(newest.data.position) : null) !== previous) return false;
    const data: CheckpointData = { ...checkpoint, leaves: encodeLeaves(leaves) };
    try {
      await this.client.appendToStream(CHECKPOINT_STREAM, jsonEvent({ type: EVENT_TYPE, data: { ...data } }), {
        expectedRevision: newest ? newest.revision : NO_STREAM,
      });
      return true;
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) return false;
      throw error;
    }
  }

  async *leavesThrough(position: bigint): AsyncIterable<Leaf> {
    for await (const stored of this.forwards()) {
      for (const leaf of decodeLeaves(stored.data.leaves)) {
        if (leaf.position > position) return;
        yield leaf;
      }
    }
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  private async newest(): Promise<Stored | null> {
    const [newest] = await this.read({ direction: BACKWARDS, fromRevision: END, maxCount: 1 });
    return newest ?? null;
  }

  private async *forwards(): AsyncGenerator<Stored> {
    for (let from = 0n; ; ) {
      const page = await this.read({ direction: FORWARDS, fromRevision: from, maxCount: PAGE });
      yield* page;
      const last = page[page.length - 1];
      if (page.length < PAGE || !last) return;
      from = last.revision + 1n;
    }
  }

  /** A missing stream reads as empty: no checkpoint yet. */
  private async read(options: ReadStreamOptions): Promise<Stored[]> {
    const found: Stored[] = [];
    try {
      for await (const { event } of this.client.readStream(CHECKPOINT_STREAM, options)) {
        if (event && event.type === EVENT_TYPE) found.push({ revision: event.revision, data: event.data as unknown as CheckpointData });
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return found;
      throw error;
    }
    return found;
  }
}
