import { holdPoint, killPoint } from '@sagsspor/kernel';
import type { EventStore } from '@sagsspor/event-store';
import type { ReadModelStore } from '../port';
import { SAG_READ_MODEL } from '../rows/version';
import { GenerationWriter } from './generation-writer';
import { after } from './projector';

export interface RebuildOptions {
  /** Events read and applied per transaction. */
  readonly batchSize?: number;
  readonly cacheSize?: number;
  readonly onProgress?: (progress: { events: number; checkpoint: bigint; head: bigint }) => void;
  /** How often onProgress is called, in events. */
  readonly progressEvery?: number;
}

export interface RebuildReport {
  readonly generation: number;
  readonly replaced: number | null;
  readonly events: number;
  readonly checkpoint: bigint;
  readonly seconds: number;
  readonly dropped: number;
}

/**
 * Builds a new generation from position 0 beside the live one, in pages (one
 * transaction each), and makes it live once it has read to the end of the log.
 * The live generation keeps serving, and a running projector keeps it current,
 * until the swap; the projector then continues on the new one from its checkpoint.
 */
export async function rebuild(store: EventStore, target: ReadModelStore, options: RebuildOptions = {}): Promise<RebuildReport> {
  const started = process.hrtime.bigint();
  const { name, version } = SAG_READ_MODEL;
  const before = (await target.generations()).filter((g) => g.projection === name);
  // A rebuild that died half-way left a building generation: this one starts over.
  for (const g of before.filter((x) => x.state === 'building')) await target.dropGeneration(g.gen);
  const replaced = before.find((g) => g.state === 'live')?.gen ?? null;
  // Interrupted, it is dropped and built again (above): the store need not make each batch durable.
  const generation = await target.createGeneration(name, version, 'rebuild');
  const writer = new GenerationWriter(store, target, generation, {
    ...(options.cacheSize === undefined ? {} : { cacheSize: options.cacheSize }),
  });
  // A page's events die young (cheap to collect); a sag's treatments within one page change its rows once.
  const batchSize = options.batchSize ?? 1000;
  const every = options.progressEvery ?? 100_000;
  let events = 0;
  let reported = 0;
  const killAfterBatch = killPoint('rebuild-batch');
  const holdAfterBatch = holdPoint('rebuild-batch');
  for (;;) {
    const page = await store.readAll({ ...after(writer.checkpoint), maxCount: batchSize });
    if (page.length === 0) {
      if ((await writer.flush()) === 'committed' && (await target.promote(generation.gen, writer.checkpoint)) === 'committed') break;
      throw new Error(`Generation ${generation.gen} was changed by another process while it was being rebuilt`);
    }
    const outcome = await writer.write(page);
    // The embedded stores answer without waiting: without this, signals and a vanished starter would go unheard.
    await nextTurn();
    if (outcome !== 'committed')
      throw new Error(`Generation ${generation.gen} was ${outcome} by another process while it was being rebuilt`);
    events += page.length;
    killAfterBatch(() => ({ events, checkpoint: writer.checkpoint.toString() }));
    await holdAfterBatch(() => ({ events, checkpoint: writer.checkpoint.toString() }));
    if (options.onProgress && events - reported >= every) {
      reported = events;
      options.onProgress({ events, checkpoint: writer.checkpoint, head: await store.headPosition() });
    }
  }
  const dropped = await target.dropRetired();
  return {
    generation: generation.gen,
    replaced,
    events,
    checkpoint: writer.checkpoint,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
    dropped,
  };
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
