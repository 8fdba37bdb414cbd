import type { Position } from '@eventstore/db-client';

/**
 * How the port's single bigint position maps onto EventStoreDB's
 * (commit, prepare) pair.
 *
 * EventStoreDB orders $all by the position of each event's record in its
 * transaction log. Every append made through the gRPC API (all this adapter
 * does) is an implicit transaction whose prepare records are flagged as
 * committed: there is no separate commit record, and the server reports each
 * event at (commit = prepare = that event's own log position) — see
 * AllReader.ReadAllEventsForwardInternal in the server, which emits
 * `new TFPos(event.LogPosition, event.LogPosition)` for committed prepares.
 * Log positions are byte offsets, so they are unique per event and strictly
 * increasing in $all order, and the port position is the prepare position.
 *
 * Why prepare rather than commit: reads of a single stream (not $all) carry
 * the real prepare position, while commit may come back as 2^64-1 ("unknown",
 * server-dependent); the two are equal everywhere else.
 *
 * Limits, each guarded where it matters:
 * - Events written with the legacy TCP API's explicit transactions (removed
 *   from the gRPC API) have commit ≠ prepare; ordered by commit, their
 *   prepare positions can go backwards. Reading such an event through $all
 *   throws rather than silently breaking "strictly increasing".
 * - Stream reads carry positions only on servers from 22.6 on; older servers
 *   are rejected when a stream read returns no position.
 * - A position is a byte offset: gaps are normal, and values stay far below
 *   2^63 in practice; they are never squeezed into a JS number.
 */
const UNKNOWN_POSITION = 2n ** 64n - 1n;

export function fromEsdbPosition(position: Position | undefined): bigint | undefined {
  if (!position || position.prepare === UNKNOWN_POSITION) return undefined;
  return position.prepare;
}

/** For $all reads, where the mapping's assumption can be checked. */
export function fromEsdbAllPosition(position: Position): bigint {
  if (position.commit !== position.prepare) {
    throw new Error(
      `EventStoreDB event at commit ${position.commit}/prepare ${position.prepare} was written by an explicit transaction; ` +
        'the event store port needs commit = prepare to give every event one strictly increasing position.',
    );
  }
  return position.prepare;
}

/** Read and subscribe positions are inclusive in EventStoreDB; callers skip the event at `after` itself. */
export function toEsdbPosition(after: bigint): Position {
  return { commit: after, prepare: after };
}
