import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeCheckpointStoreContract } from '../src/contract/checkpoint-store.contract';
import { EventStoreDbCheckpointStore } from '../src/checkpoints/eventstoredb-checkpoint-store';
import { SqliteCheckpointStore } from '../src/checkpoints/sqlite-checkpoint-store';
import { deleteEsdbStreams } from './support/delete-esdb-streams';

describeCheckpointStoreContract('sqlite', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsspor-checkpoint-store-'));
  const store = new SqliteCheckpointStore(dir);
  const other = new SqliteCheckpointStore(dir);
  return {
    store,
    other,
    cleanup: async () => {
      await Promise.all([store.close(), other.close()]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});

const url = process.env['EVENTSTORE_URL'];
if (url) {
  // A shared server: each test writes a stream of its own.
  describeCheckpointStoreContract('eventstoredb', async () => {
    const stream = `sagsspor-audit-checkpoints-test-${randomUUID()}`;
    const store = new EventStoreDbCheckpointStore(url, stream);
    const other = new EventStoreDbCheckpointStore(url, stream);
    return {
      store,
      other,
      cleanup: async () => {
        await Promise.all([store.close(), other.close()]);
        // A shared server keeps nothing of the test: its checkpoint stream is deleted.
        await deleteEsdbStreams(url, [stream]);
      },
    };
  });
} else {
  describe.skip('CheckpointStore contract: eventstoredb (EVENTSTORE_URL is not set)', () => {
    it('runs against a server given by EVENTSTORE_URL', () => undefined);
  });
}
