import path from 'node:path';
import type { EventStore } from './port';
import { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store';

export interface EventStoreConfig {
  /** An EventStoreDB connection string (esdb://…). When set and non-empty, EventStoreDB is used. */
  readonly eventStoreUrl?: string | null;
  /** Directory of the embedded SQLite store, used when no eventStoreUrl is given. */
  readonly dataDir: string;
  readonly sqlite?: SqliteEventStoreOptions;
  /** EventStoreDB only: the streams that are this system's (see EventStoreDbOptions.streamPrefix). */
  readonly streamPrefix?: string;
}

export const DEFAULT_DATA_DIR = './data';

/** Reads EVENTSTORE_URL and SAGSSPOR_DATA_DIR; an empty variable counts as unset. */
export function eventStoreConfigFromEnv(env: NodeJS.ProcessEnv = process.env): EventStoreConfig {
  const url = env['EVENTSTORE_URL']?.trim();
  const dataDir = path.resolve(env['SAGSSPOR_DATA_DIR']?.trim() || DEFAULT_DATA_DIR);
  return url ? { eventStoreUrl: url, dataDir } : { dataDir };
}

/** EventStoreDB when a URL is configured, otherwise the embedded SQLite store. */
export function openEventStore(config: EventStoreConfig = eventStoreConfigFromEnv()): EventStore {
  if (config.eventStoreUrl) {
    // Loaded only when used: the gRPC client costs every process that loads it memory and start-up time.
    /* eslint-disable-next-line @typescript-eslint/no-require-imports */
    const adapter = require('./eventstoredb/eventstoredb-event-store') as typeof import('./eventstoredb/eventstoredb-event-store');
    const { EventStoreDbEventStore } = adapter;
    return new EventStoreDbEventStore(config.eventStoreUrl, config.streamPrefix === undefined ? {} : { streamPrefix: config.streamPrefix });
  }
  return new SqliteEventStore(config.dataDir, config.sqlite);
}
