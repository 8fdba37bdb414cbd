import { killPoint, type AppError } from '@sagsspor/kernel';
import { ReadModelAheadOfLogError, ReadModelLogReplacedError } from '../errors';
import type { EventStore, EventSubscription, RecordedEvent } from '@sagsspor/event-store';
import type { Generation, ReadModelStore } from '../port';
import { SAG_READ_MODEL } from '../rows/version';
import { batchesOf } from './batches';
import { GenerationWriter } from './generation-writer';
import { LiveCheckpoint } from './live-checkpoint';
import { mismatchWithLog } from './log-identity';

export interface ProjectorLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface ProjectorOptions {
  /** Most events applied in one transaction. */
  readonly batchSize?: number;
  readonly cacheSize?: number;
  /** Back-off between resubscriptions after a failure, doubling from min to max. */
  readonly retryMinMs?: number;
  readonly retryMaxMs?: number;
  readonly logger?: ProjectorLogger;
}

export interface ProjectorStats {
  readonly running: boolean;
  readonly generation: number | null;
  readonly mode: 'building' | 'live' | null;
  readonly checkpoint: string;
  readonly events: number;
  readonly resubscriptions: number;
  readonly skipped: number;
  readonly lastError: string | null;
  readonly lastErrorAt: string | null;
}

const silent: ProjectorLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * The projector: a catch-up subscription over the global log from the stored
 * checkpoint, applied in batches. It builds a generation when there is no live
 * one of the current version, promotes it when caught up, and then keeps it
 * live. Any failure — a dropped subscription, an event-store or read-model
 * outage, another writer moving the checkpoint — is logged, and it
 * resubscribes from the stored checkpoint after a back-off.
 */
export class Projector {
  readonly live: LiveCheckpoint;
  private readonly log: ProjectorLogger;
  private readonly batchSize: number;
  private stopping = false;
  private loop: Promise<void> | undefined;
  private subscription: EventSubscription | undefined;
  private wakeSleeper: (() => void) | undefined;
  private writer: GenerationWriter | undefined;
  private mode: 'building' | 'live' | null = null;
  private counts = { events: 0, resubscriptions: 0, skipped: 0 };
  private lastError: { message: string; at: string } | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly target: ReadModelStore,
    private readonly options: ProjectorOptions = {},
  ) {
    this.log = options.logger ?? silent;
    this.batchSize = options.batchSize ?? 1000;
    this.live = new LiveCheckpoint(target);
  }

  get stats(): ProjectorStats {
    return {
      running: this.loop !== undefined && !this.stopping,
      generation: this.writer?.gen ?? null,
      mode: this.mode,
      checkpoint: (this.writer?.checkpoint ?? -1n).toString(),
      ...this.counts,
      lastError: this.lastError?.message ?? null,
      lastErrorAt: this.lastError?.at ?? null,
    };
  }

  /** Starts projecting in the background until stop(). */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeSleeper?.();
    await this.subscription?.close();
    await this.loop;
    this.loop = undefined;
    this.live.stop();
  }

  /** Throws when the live model does not belong with the log (see mismatchWithLog): ahead of it, or built from another. */
  async checkAgainstLog(): Promise<void> {
    const live = (await this.target.generations()).find((g) => g.projection === SAG_READ_MODEL.name && g.state === 'live');
    const mismatch = await mismatchWithLog(this.store, live);
    if (mismatch) throw mismatch;
  }

  /** The mismatch, when one can be told now (a store that cannot be reached tells none). */
  private async mismatch(): Promise<AppError | null> {
    try {
      await this.checkAgainstLog();
      return null;
    } catch (error) {
      return error instanceof ReadModelAheadOfLogError || error instanceof ReadModelLogReplacedError ? error : null;
    }
  }

  /** True once the live read model reflects every event up to `position`; false after `timeoutMs`. */
  waitForPosition(position: bigint | number | string, timeoutMs: number): Promise<boolean> {
    return this.live.waitForPosition(BigInt(position), timeoutMs);
  }

  /**
   * Projects everything in the log now, without subscribing, and promotes the
   * generation if it was being built: for one-shot runs (the CLI, --once).
   */
  async catchUp(): Promise<Generation> {
    await this.checkAgainstLog();
    for (;;) {
      const writer = await this.openWriter();
      let moved = false;
      for (;;) {
        const events = await this.store.readAll({ ...after(writer.checkpoint), maxCount: this.batchSize });
        if (events.length === 0) break;
        if ((await this.write(writer, events)) !== 'committed') {
          moved = true;
          break;
        }
      }
      if (moved) continue;
      if (this.mode === 'live' || (await this.promoteIfCaughtUp(writer)) === 'promoted') {
        return { ...writer.generation, state: 'live', checkpoint: writer.checkpoint };
      }
    }
  }

  private async run(): Promise<void> {
    let delay = this.options.retryMinMs ?? 100;
    let first = true;
    while (!this.stopping) {
      try {
        if (!first) this.counts.resubscriptions += 1;
        first = false;
        // A model that does not belong with the log (reset or replaced under it) is mended by a rebuild, never by
        // another try: stop, and let /health say what to do. Asked at each (re)subscription, where a reset shows.
        const mismatch = await this.mismatch();
        if (mismatch) {
          this.lastError = { message: mismatch.detail, at: new Date().toISOString() };
          this.log.error(`Projection stopped: ${mismatch.detail}`);
          break;
        }
        const writer = await this.openWriter();
        if (this.mode === 'building') await this.promoteOrThrow(writer);
        this.subscription = this.store.subscribeToAll(after(writer.checkpoint));
        this.log.log(`Projecting ${this.describe(writer)} from position ${writer.checkpoint}`);
        for await (const batch of batchesOf(this.subscription, this.batchSize)) {
          const outcome = await this.write(writer, batch);
          if (outcome !== 'committed') {
            this.log.warn(
              `Generation ${writer.gen} ${outcome === 'moved' ? 'was advanced by another projector' : 'was retired'}; resubscribing`,
            );
            break;
          }
          delay = this.options.retryMinMs ?? 100;
          if (this.mode === 'building') await this.promoteOrThrow(writer);
        }
        if (!this.stopping) this.log.warn('The event subscription ended; resubscribing');
      } catch (error) {
        if (this.stopping) break;
        const message = error instanceof Error ? error.message : String(error);
        this.lastError = { message, at: new Date().toISOString() };
        this.log.error(`Projection interrupted: ${message}; resubscribing in ${delay} ms`);
        await this.sleep(delay);
        delay = Math.min(delay * 2, this.options.retryMaxMs ?? 5000);
      } finally {
        await this.subscription?.close().catch(() => undefined);
        this.subscription = undefined;
      }
    }
  }

  private readonly killAfterBatch = killPoint('projector-batch');

  private async write(writer: GenerationWriter, events: RecordedEvent[]) {
    const outcome = await writer.write(events);
    if (outcome !== 'committed') return outcome;
    this.counts.events += events.length;
    this.killAfterBatch(() => ({ events: this.counts.events, checkpoint: writer.checkpoint.toString() }));
    if (this.mode === 'live') this.live.committed(writer.gen, writer.checkpoint);
    return outcome;
  }

  /**
   * The generation to write: the live one when it has the current version;
   * else a resumable building one of this version (resumed from its checkpoint); else a
   * new one, built beside whatever is live now.
   */
  private async openWriter(): Promise<GenerationWriter> {
    const { name, version } = SAG_READ_MODEL;
    const mine = (await this.target.generations()).filter((g) => g.projection === name).sort((a, b) => b.gen - a.gen);
    let generation = mine.find((g) => g.state === 'live' && g.version === version);
    this.mode = 'live';
    if (!generation) {
      this.mode = 'building';
      // A rebuild's generation is the rebuild's: a projector never writes it.
      generation = mine.find((g) => g.state === 'building' && g.version === version && g.mode === 'resumable');
      if (!generation) {
        generation = await this.target.createGeneration(name, version, 'resumable');
        this.log.log(`Building ${name} v${version} as generation ${generation.gen} from position 0`);
      }
    }
    const writer = new GenerationWriter(this.store, this.target, generation, {
      ...(this.options.cacheSize === undefined ? {} : { cacheSize: this.options.cacheSize }),
      onSkipped: (event, error) => {
        this.counts.skipped += 1;
        this.log.error(
          `Skipped event at position ${event.position} (${event.type}): ${error instanceof Error ? error.message : String(error)}`,
        );
      },
    });
    this.writer = writer;
    if (this.mode === 'live') this.live.committed(writer.gen, writer.checkpoint);
    return writer;
  }

  private async promoteOrThrow(writer: GenerationWriter): Promise<void> {
    if ((await this.promoteIfCaughtUp(writer)) === 'refused')
      throw new Error(`Generation ${writer.gen} could not be made live: another projector moved it on`);
  }

  /** Makes a building generation live once it has applied everything in the log. */
  private async promoteIfCaughtUp(writer: GenerationWriter): Promise<'promoted' | 'behind' | 'refused'> {
    if (writer.checkpoint < (await this.store.headPosition())) return 'behind';
    const outcome = await this.target.promote(writer.gen, writer.checkpoint);
    if (outcome !== 'committed') return 'refused';
    this.mode = 'live';
    this.live.committed(writer.gen, writer.checkpoint);
    this.log.log(`Generation ${writer.gen} is caught up at position ${writer.checkpoint} and now live`);
    const dropped = await this.target.dropRetired();
    if (dropped > 0) this.log.log(`Dropped ${dropped} retired generation(s)`);
    return 'promoted';
  }

  private describe(writer: GenerationWriter): string {
    return `${SAG_READ_MODEL.name} v${SAG_READ_MODEL.version} (generation ${writer.gen}, ${this.mode})`;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakeSleeper = done;
    });
  }
}

/** Subscription/read options from a checkpoint: -1n means from the beginning. */
export function after(checkpoint: bigint): { after?: bigint } {
  return checkpoint < 0n ? {} : { after: checkpoint };
}
