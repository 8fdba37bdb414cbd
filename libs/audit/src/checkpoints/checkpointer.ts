import type { VerifiableEvent } from '../chain-verifier';
import { toLogHead, type Checkpoint } from './checkpoint';
import type { CheckpointStore } from './checkpoint-store';
import { EMPTY_LOG, extend, isLogEvent, leafOf, type Leaf, type LogHead } from './log-chain';
import { signCheckpoint, type SigningKey } from './signing-key';

/** The slice of the event-store port the checkpointer reads. */
export interface CheckpointedLog {
  readAll(options: { after?: bigint; maxCount?: number }): Promise<readonly VerifiableEvent[]>;
  subscribeToAll(options: { after?: bigint }): AsyncIterable<VerifiableEvent> & { close(): Promise<void> };
}

export interface CheckpointOptions {
  /** A checkpoint at least every this many events… */
  readonly everyEvents: number;
  /** …and at most this long after an event it does not cover yet. */
  readonly intervalMs: number;
  /** False where another process checkpoints this log (SAGSSPOR_AUDIT_CHECKPOINTS=off). */
  readonly enabled: boolean;
}

export const DEFAULT_CHECKPOINT_OPTIONS: CheckpointOptions = { everyEvents: 1000, intervalMs: 10_000, enabled: true };

export function checkpointOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): CheckpointOptions {
  return {
    everyEvents: positiveInt(env, 'SAGSSPOR_AUDIT_CHECKPOINT_EVERY', DEFAULT_CHECKPOINT_OPTIONS.everyEvents),
    intervalMs: positiveInt(env, 'SAGSSPOR_AUDIT_CHECKPOINT_MS', DEFAULT_CHECKPOINT_OPTIONS.intervalMs),
    enabled: env['SAGSSPOR_AUDIT_CHECKPOINTS']?.trim().toLowerCase() !== 'off',
  };
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, not "${raw}"`);
  return value;
}

/** The events since the last stored checkpoint, folded into the log head they lead to. */
class Segment {
  private leaves: Leaf[] = [];
  head: LogHead;

  constructor(readonly base: Checkpoint | null) {
    this.head = base ? toLogHead(base) : EMPTY_LOG;
  }

  add(event: VerifiableEvent): void {
    if (!isLogEvent(event)) return;
    const leaf = leafOf(event);
    this.head = extend(this.head, leaf);
    this.leaves.push(leaf);
  }

  get size(): number {
    return this.leaves.length;
  }

  /** Stores the checkpoint of everything added so far; null when another process stored one first. */
  async cut(store: CheckpointStore, key: SigningKey | null): Promise<Checkpoint | null> {
    const checkpoint = signCheckpoint(this.head, key);
    const leaves = this.leaves;
    const stored = await store.add({ checkpoint, leaves }, this.base ? BigInt(this.base.position) : null);
    return stored ? checkpoint : null;
  }
}

/**
 * Computes checkpoints of the whole log beside the writers, never inside an
 * append: it follows the log like any subscriber and stores a checkpoint
 * every `everyEvents` events or `intervalMs` after the first event not yet
 * covered. Several processes may run one on the same log: each checkpoint is
 * stored only on top of the one it started from, so they take turns.
 */
export class Checkpointer {
  private stopped = false;
  private running: Promise<void> | undefined;
  private subscription: { close(): Promise<void> } | undefined;

  constructor(
    private readonly log: CheckpointedLog,
    private readonly store: CheckpointStore,
    private readonly key: SigningKey | null,
    private readonly options: CheckpointOptions,
    private readonly onError: (error: unknown) => void = () => undefined,
    /** Told of every checkpoint this checkpointer stores. */
    private readonly onStored: (checkpoint: Checkpoint) => void = () => undefined,
  ) {}

  start(): void {
    if (this.running || !this.options.enabled) return;
    this.running = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription?.close();
    await this.running;
  }

  /**
   * Checkpoints everything the log holds now, in segments of `everyEvents`,
   * and answers the newest checkpoint: what `cli audit checkpoint` saves.
   */
  async catchUp(pageSize = 500): Promise<Checkpoint | null> {
    for (;;) {
      const newest = await this.catchUpOnce(pageSize);
      if (newest !== CONFLICT) return newest;
    }
  }

  private async catchUpOnce(pageSize: number): Promise<Checkpoint | null | typeof CONFLICT> {
    let segment = new Segment(await this.store.latest());
    let after = segment.head.position;
    for (;;) {
      const page = await this.log.readAll(after < 0n ? { maxCount: pageSize } : { after, maxCount: pageSize });
      if (page.length === 0) break;
      for (const event of page) {
        after = event.position;
        segment.add(event);
        if (segment.size < this.options.everyEvents) continue;
        const stored = await this.cut(segment);
        if (!stored) return CONFLICT;
        segment = new Segment(stored);
      }
    }
    if (segment.size === 0) return segment.base;
    return (await this.cut(segment)) ?? CONFLICT;
  }

  private async cut(segment: Segment): Promise<Checkpoint | null> {
    const stored = await segment.cut(this.store, this.key);
    if (stored) this.onStored(stored);
    return stored;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.follow();
      } catch (error) {
        if (this.stopped) return;
        this.onError(error);
        await new Promise((resolve) => setTimeout(resolve, Math.min(this.options.intervalMs, 5_000)).unref());
      }
    }
  }

  /** Follows the log from the newest stored checkpoint until stopped, or until another process stored one first. */
  private async follow(): Promise<void> {
    let segment = new Segment(await this.store.latest());
    const subscription = this.log.subscribeToAll(segment.base ? { after: BigInt(segment.base.position) } : {});
    this.subscription = subscription;
    if (this.stopped) await subscription.close(); // stop() came while the newest checkpoint was read
    const events = subscription[Symbol.asyncIterator]();
    let deadline = 0;
    try {
      let next = events.next();
      while (!this.stopped) {
        const result = segment.size === 0 ? await next : await within(next, deadline - Date.now());
        if (result !== TIMED_OUT) {
          if (result.done) return;
          next = events.next();
          const empty = segment.size === 0;
          segment.add(result.value);
          if (empty && segment.size > 0) deadline = Date.now() + this.options.intervalMs;
          if (segment.size < this.options.everyEvents) continue;
        }
        const stored = await this.cut(segment);
        if (!stored) return; // another process checkpointed: start again from its checkpoint
        segment = new Segment(stored);
      }
    } finally {
      await subscription.close();
    }
  }
}

const TIMED_OUT = Symbol('timed out');
const CONFLICT = Symbol('another process checkpointed first');

async function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), Math.max(0, ms));
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
