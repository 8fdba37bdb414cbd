import type { CheckpointStore } from '@sagsspor/audit';
import { SqliteCheckpointStore } from './sqlite-checkpoint-store';

/** Beside the configured event store: a stream of its own on EventStoreDB, a table of its own in the embedded data directory. */
export function openCheckpointStore(config: { readonly eventStoreUrl: string | null; readonly dataDir: string }): CheckpointStore {
  if (config.eventStoreUrl) {
    // Loaded only when used, as the event store's adapter is: the gRPC client is heavy.
    /* eslint-disable-next-line @typescript-eslint/no-require-imports */
    const adapter = require('./eventstoredb-checkpoint-store') as typeof import('./eventstoredb-checkpoint-store');
    return new adapter.EventStoreDbCheckpointStore(config.eventStoreUrl);
  }
  return new SqliteCheckpointStore(config.dataDir);
}
