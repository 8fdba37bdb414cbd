import { Inject, Logger, Module, type BeforeApplicationShutdown, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import {
  Checkpointer,
  checkpointOptionsFromEnv,
  LatestCheckpoint,
  signingKeyFromEnv,
  type CheckpointOptions,
  type CheckpointStore,
  type SigningKey,
} from '@sagsspor/audit';
import { loadConfig } from '@sagsspor/config';
import { openCheckpointStore, type EventStore } from '@sagsspor/event-store';
import { EVENT_STORE, RecordingModule } from '@sagsspor/recording';
import { AUDIT_SIGNING_KEY, CHECKPOINT_STORE } from './checkpoint-tokens';
import { CheckpointsController } from './checkpoints.controller';

const CHECKPOINT_OPTIONS = Symbol('CHECKPOINT_OPTIONS');

const logger = new Logger('AuditCheckpoints');

/** Starts checkpointing with the app; stops it before the stores close. */
class CheckpointsLifecycle implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    private readonly checkpointer: Checkpointer,
    private readonly latest: LatestCheckpoint,
    @Inject(CHECKPOINT_STORE) private readonly store: CheckpointStore,
    @Inject(CHECKPOINT_OPTIONS) private readonly options: CheckpointOptions,
  ) {}

  onModuleInit(): void {
    this.latest.start(this.options.intervalMs, (error) => logger.warn(`Reading the latest checkpoint: ${String(error)}`));
    this.checkpointer.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.latest.stop();
    await this.checkpointer.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/** Signed checkpoints of the whole log: computed beside the writers, stored, published. */
@Module({
  imports: [RecordingModule],
  controllers: [CheckpointsController],
  providers: [
    { provide: CHECKPOINT_OPTIONS, useFactory: () => checkpointOptionsFromEnv() },
    { provide: AUDIT_SIGNING_KEY, useFactory: () => signingKeyFromEnv() },
    { provide: CHECKPOINT_STORE, useFactory: () => openCheckpointStore(loadConfig()) },
    { provide: LatestCheckpoint, inject: [CHECKPOINT_STORE], useFactory: (store: CheckpointStore) => new LatestCheckpoint(store) },
    {
      provide: Checkpointer,
      inject: [EVENT_STORE, CHECKPOINT_STORE, AUDIT_SIGNING_KEY, CHECKPOINT_OPTIONS, LatestCheckpoint],
      useFactory: (
        events: EventStore,
        store: CheckpointStore,
        key: SigningKey | null,
        options: CheckpointOptions,
        latest: LatestCheckpoint,
      ) =>
        new Checkpointer(
          events,
          store,
          key,
          options,
          (error) => logger.warn(`Checkpointing: ${String(error)}`),
          (checkpoint) => latest.offer(checkpoint),
        ),
    },
    CheckpointsLifecycle,
  ],
  exports: [CHECKPOINT_STORE, AUDIT_SIGNING_KEY, LatestCheckpoint],
})
export class CheckpointsModule {}
