import { hash } from 'node:crypto';
import { canonicalJson } from '../canonical-json';
import type { VerifiableEvent } from '../chain-verifier';

/** The root of the empty log. */
export const EMPTY_LOG_ROOT = '0'.repeat(64);

/**
 * Where checkpoints are kept on stores that hold them as events (EventStoreDB).
 * Not part of the log they vouch for: the checkpointer and verify skip it.
 */
export const CHECKPOINT_STREAM = 'sagsspor-audit-checkpoints';

export const isLogEvent = (event: { readonly streamName: string }): boolean => event.streamName !== CHECKPOINT_STREAM;

/** What the log holds through `position`: `count` events, committed to by `root`. position is -1 for the empty log. */
export interface LogHead {
  readonly position: bigint;
  readonly count: number;
  readonly root: string;
}

export const EMPTY_LOG: LogHead = { position: -1n, count: 0, root: EMPTY_LOG_ROOT };

/** One event's place in the log: its position and the hash of everything stored for it. */
export interface Leaf {
  readonly position: bigint;
  readonly hash: string;
}

const sha256 = (text: string): string => hash('sha256', text, 'hex');

/**
 * The whole stored event, position included: editing anything of it, or
 * moving it, changes the leaf. Its own per-stream hash is in the metadata, so
 * a stream rewritten with a freshly computed chain still changes every leaf.
 */
export function leafOf(event: VerifiableEvent): Leaf {
  const { position, streamName, revision, type, data, metadata } = event;
  return {
    position,
    hash: sha256(`sagsspor-log-leaf/v1\n${canonicalJson({ position: position.toString(), streamName, revision, type, data, metadata })}`),
  };
}

/** A hash chain over the leaves in position order: the root after a leaf commits to it and to every leaf before it. */
export function extend(head: LogHead, leaf: Leaf): LogHead {
  if (leaf.position <= head.position) throw new Error(`Leaf at position ${leaf.position} does not come after ${head.position}`);
  return { position: leaf.position, count: head.count + 1, root: sha256(`${head.root}\n${leaf.position}\n${leaf.hash}`) };
}

/** How a segment's leaves are stored: a JSON array of [position, leaf hash]. */
export function encodeLeaves(leaves: readonly Leaf[]): string {
  return JSON.stringify(leaves.map((leaf) => [leaf.position.toString(), leaf.hash]));
}

export function decodeLeaves(text: string): Leaf[] {
  return (JSON.parse(text) as [string, string][]).map(([position, hash]) => ({ position: BigInt(position), hash }));
}
