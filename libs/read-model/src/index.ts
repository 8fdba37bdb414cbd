export * from './cursor';
export * from './errors';
export * from './model';
export * from './port';
export * from './queries';
export { SAG_READ_MODEL } from './rows/version';
export type { SagChange } from './rows/sag-change';
export { GenerationWriter, DEFAULT_CACHE_SIZE, type GenerationWriterOptions } from './projector/generation-writer';
export { Projector, type ProjectorLogger, type ProjectorOptions, type ProjectorStats } from './projector/projector';
export { rebuild, type RebuildOptions, type RebuildReport } from './projector/rebuild';
export {
  SqliteReadModel,
  sqliteReadModelFile,
  removeOldLayout,
  READ_MODEL_FILE_NAME,
  type SqliteReadModelOptions,
} from './sqlite/sqlite-read-model';
export { openReadModel, readModelConfigFromEnv, type ReadModelConfig } from './open-read-model';
// The MongoDB adapter is a lib of its own (@sagsspor/read-model-mongo): openReadModel loads it, and its driver, only when MONGODB_URL is set.
// What it builds on:
export { thisProcess, type Builder } from './builder';
export { groupMeetings } from './meetings';
export { sortedSnapshot } from './rows/snapshot';
export { projectionStatus, type AbandonedBuild, type ProjectionStatus } from './projector/monitor';
export { ReadModelModule } from './nest/read-model.module';
export { ProjectorService } from './nest/projector.service';
export { ProjectionMonitor } from './nest/projection-monitor';
export { READ_MODEL, type ReadModelModuleOptions } from './nest/tokens';
export * from './nest/read-queries';
export * from './committee-resolver';
export { committeeSummariesOf, type CommitteeMeetingRow } from './committees';
