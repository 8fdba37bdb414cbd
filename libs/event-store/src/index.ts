export * from './port';
export * from './errors';
export { openEventStore, eventStoreConfigFromEnv, DEFAULT_DATA_DIR, type EventStoreConfig } from './open-event-store';
export { SqliteEventStore, sqliteEventStoreFile, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
export { SQLITE_FILE_NAME } from './sqlite/schema';
export { sqliteCode } from './sqlite/sqlite-errors';
export { InMemoryEventStore } from './in-memory/in-memory-event-store';
export { SqliteCheckpointStore, AUDIT_FILE_NAME } from './checkpoints/sqlite-checkpoint-store';
export { openCheckpointStore } from './checkpoints/open-checkpoint-store';
// The EventStoreDB adapter (./eventstoredb) is not exported here: openEventStore loads it, and its gRPC client, only when EVENTSTORE_URL is set.
// The contract suite (./contract) imports jest and is deliberately not exported here.
