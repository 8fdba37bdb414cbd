import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@sagsspor/event-store';
import { readModelConfigFromEnv } from '../open-read-model';
import type { Generation, ReadModelStore } from '../port';
import { Projector, type ProjectorStats } from '../projector/projector';
import { READ_MODEL, READ_MODEL_OPTIONS, type ReadModelModuleOptions } from './tokens';

/**
 * The projector inside a Nest process. Started on bootstrap when configured
 * (npm start on the embedded store), stopped before the stores close.
 * waitForPosition is the read-your-writes hook: after appending at position p,
 * `await projector.waitForPosition(p, 2000)` before answering makes the write
 * visible to the read model — from this process's projector or another's.
 */
@Injectable()
export class ProjectorService implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private readonly projector: Projector;
  private readonly autoStart: boolean;
  private readonly checksLog: boolean;
  private started = false;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(READ_MODEL) private readonly model: ReadModelStore,
    @Inject(READ_MODEL_OPTIONS) options: ReadModelModuleOptions,
  ) {
    const logger = new Logger('Projector');
    this.projector = new Projector(store, model, {
      logger: { log: (m) => logger.log(m), warn: (m) => logger.warn(m), error: (m) => logger.error(m) },
    });
    const mode = options.projector ?? 'config';
    this.autoStart = mode === 'always' || (mode === 'config' && readModelConfigFromEnv().inProcessProjector);
    this.checksLog = mode !== 'never';
  }

  /** A server or projector refuses to start on a read model ahead of its log (one-shot commands such as rebuild need not). */
  async onApplicationBootstrap(): Promise<void> {
    if (this.checksLog) await this.projector.checkAgainstLog();
    if (this.autoStart) this.start();
  }

  start(): void {
    this.started = true;
    this.projector.start();
  }

  get running(): boolean {
    return this.started;
  }

  /** This process's projector, when it runs one. */
  get stats(): ProjectorStats | null {
    return this.started ? this.projector.stats : null;
  }

  /** True once the live read model reflects every event up to `position`; false after `timeoutMs`. */
  waitForPosition(position: bigint | number | string, timeoutMs: number): Promise<boolean> {
    return this.projector.waitForPosition(position, timeoutMs);
  }

  /** Projects everything in the log now (one-shot), promoting a generation being built. */
  catchUp(): Promise<Generation> {
    return this.projector.catchUp();
  }

  async onModuleDestroy(): Promise<void> {
    await this.projector.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.model.close();
  }
}
