import { EventStoreDBClient, StreamDeletedError, StreamNotFoundError } from '@eventstore/db-client';

/**
 * What a contract run wrote to a shared EventStoreDB goes when it ends:
 * each stream soft-deleted (`deleteStream`, expected revision any: a later
 * scavenge frees the space, and the name could be used again). A stream
 * never written, or deleted already, is no error.
 */
export async function deleteEsdbStreams(url: string, streams: Iterable<string>): Promise<number> {
  const client = EventStoreDBClient.connectionString(url);
  let deleted = 0;
  try {
    for (const stream of streams) {
      try {
        await client.deleteStream(stream);
        deleted += 1;
      } catch (error) {
        if (!(error instanceof StreamNotFoundError || error instanceof StreamDeletedError)) throw error;
      }
    }
  } finally {
    await client.dispose();
  }
  return deleted;
}
