import type { VerifiableEvent } from '../chain-verifier';
import { InvalidCheckpointError } from './errors';
import type { Checkpoint } from './checkpoint';
import type { CheckpointStore } from './checkpoint-store';
import { EMPTY_LOG, extend, isLogEvent, leafOf, type Leaf, type LogHead } from './log-chain';
import { checkSignature, type PublicKeyInfo, type SignatureVerdict } from './signing-key';

export const FINDING_KINDS = ['truncated', 'missing', 'changed', 'inserted', 'root-mismatch'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export interface Finding {
  readonly kind: FindingKind;
  /** The position the finding is about; null for a finding about the log as a whole. */
  readonly position: string | null;
  readonly detail: string;
}

export interface AgainstReport {
  /** True when the log through the checkpoint's position is exactly what the checkpoint vouches for. */
  readonly ok: boolean;
  readonly checkpoint: Checkpoint & { readonly signatureStatus: SignatureVerdict };
  /** What the log holds now through the checkpoint's position. */
  readonly log: { readonly position: string; readonly count: number; readonly root: string; readonly headPosition: string };
  readonly findingCount: number;
  readonly findings: Finding[];
}

/** The slice of the event-store port the check reads. */
export interface LogReader {
  readAll(options: { after?: bigint; maxCount?: number }): Promise<readonly VerifiableEvent[]>;
  headPosition(): Promise<bigint>;
}

export interface AgainstOptions {
  /** Keys whose signatures are accepted; an unsigned checkpoint only when there are none. */
  readonly trustedKeys: readonly PublicKeyInfo[];
  readonly pageSize?: number;
  readonly maxReported?: number;
}

const HASH = /^[0-9a-f]{64}$/;
const POSITION = /^(0|[1-9]\d{0,18})$/;

/** Reads a saved checkpoint (the JSON `audit checkpoint --json` prints), refusing anything malformed. */
export function parseCheckpoint(value: unknown): Checkpoint {
  const c = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const text = (v: unknown): v is string => typeof v === 'string';
  if (!text(c['position']) || !POSITION.test(c['position']))
    throw new InvalidCheckpointError('The checkpoint has no valid "position" (a decimal string).');
  if (typeof c['count'] !== 'number' || !Number.isSafeInteger(c['count']) || c['count'] < 1) {
    throw new InvalidCheckpointError('The checkpoint has no valid "count" (a positive integer).');
  }
  if (!text(c['root']) || !HASH.test(c['root'])) throw new InvalidCheckpointError('The checkpoint has no valid "root" (64 hex digits).');
  const keyId = c['keyId'] ?? null;
  const signature = c['signature'] ?? null;
  if ((keyId !== null && !text(keyId)) || (signature !== null && !text(signature)) || (keyId === null) !== (signature === null)) {
    throw new InvalidCheckpointError('The checkpoint must carry both "keyId" and "signature" as strings, or neither.');
  }
  return { position: c['position'], count: c['count'], root: c['root'], keyId, signature };
}

/**
 * Proves that the log still holds what a saved checkpoint vouches for, by
 * recomputing the root through its position. When it does not, the leaves
 * stored with the checkpoints (once they reproduce the saved root, so they
 * are what it vouched for) say which positions were removed, changed or
 * added; if they were altered too, only the log-wide finding is left.
 */
export async function verifyAgainst(
  log: LogReader,
  checkpoints: CheckpointStore,
  saved: Checkpoint,
  options: AgainstOptions,
): Promise<AgainstReport> {
  const signatureStatus = checkSignature(saved, options.trustedKeys, options.trustedKeys.length === 0);
  const through = BigInt(saved.position);
  const findings = new Findings(options.maxReported ?? 1000);
  const headPosition = await log.headPosition();
  if (headPosition < through) {
    findings.add(
      'truncated',
      headPosition,
      headPosition < 0n
        ? `the log is empty; the checkpoint vouches for ${saved.count} events through position ${through}`
        : `the log ends at position ${headPosition}; the checkpoint vouches for events through position ${through}`,
    );
  }
  const pageSize = options.pageSize ?? 500;
  let head = await compare(log, through, null, findings, pageSize);
  const ok = head.root === saved.root && head.count === saved.count;
  // Only a log that fails is read twice, the second time beside the leaves that locate the change.
  const vouched = ok ? null : await storedLeavesIfAuthentic(checkpoints, saved);
  if (vouched) head = await compare(log, through, vouched, findings, pageSize);
  if (!ok && (vouched === null || findings.count === 0)) {
    findings.add(
      'root-mismatch',
      null,
      `the log through position ${through} holds ${head.count} events with root ${head.root.slice(0, 12)}…; ` +
        `the checkpoint vouches for ${saved.count} events with root ${saved.root.slice(0, 12)}…` +
        (vouched === null ? ' (the stored checkpoints no longer reproduce it either, so the change cannot be located more precisely)' : ''),
    );
  }
  return {
    ok,
    checkpoint: { ...saved, signatureStatus },
    log: { position: head.position.toString(), count: head.count, root: head.root, headPosition: headPosition.toString() },
    findingCount: findings.count,
    findings: findings.list,
  };
}

/** The stored leaves through the checkpoint, if they reproduce its root; null when they were altered (or never stored). */
async function storedLeavesIfAuthentic(store: CheckpointStore, saved: Checkpoint): Promise<Leaf[] | null> {
  const leaves: Leaf[] = [];
  let head: LogHead = EMPTY_LOG;
  try {
    for await (const leaf of store.leavesThrough(BigInt(saved.position))) {
      head = extend(head, leaf);
      leaves.push(leaf);
    }
  } catch {
    return null;
  }
  return head.root === saved.root && head.count === saved.count ? leaves : null;
}

/** Recomputes the log's head through `through`, comparing each event with the vouched-for leaf at its position. */
async function compare(
  log: LogReader,
  through: bigint,
  vouched: readonly Leaf[] | null,
  findings: Findings,
  pageSize: number,
): Promise<LogHead> {
  let head: LogHead = EMPTY_LOG;
  let v = 0;
  const missingBefore = (position: bigint): void => {
    for (let leaf = vouched?.[v]; vouched && leaf && leaf.position < position; leaf = vouched[++v]) {
      findings.add(
        'missing',
        leaf.position,
        `the event at position ${leaf.position}, which the checkpoint vouches for, is no longer in the log`,
      );
    }
  };
  for (let after = -1n; ; ) {
    const page = await log.readAll(after < 0n ? { maxCount: pageSize } : { after, maxCount: pageSize });
    if (page.length === 0) break;
    for (const event of page) {
      if (event.position > through) {
        missingBefore(through + 1n);
        return head;
      }
      after = event.position;
      if (!isLogEvent(event)) continue;
      const leaf = leafOf(event);
      head = extend(head, leaf);
      if (!vouched) continue;
      missingBefore(leaf.position);
      const expected = vouched[v];
      if (expected && expected.position === leaf.position) {
        v += 1;
        if (expected.hash !== leaf.hash) {
          findings.add(
            'changed',
            leaf.position,
            `the event at position ${leaf.position} (${event.streamName} revision ${event.revision}) differs from the checkpoint`,
          );
        }
      } else {
        findings.add(
          'inserted',
          leaf.position,
          `the event at position ${leaf.position} (${event.streamName} revision ${event.revision}) was not in the log the checkpoint vouches for`,
        );
      }
    }
  }
  missingBefore(through + 1n);
  return head;
}

class Findings {
  readonly list: Finding[] = [];
  count = 0;
  constructor(private readonly max: number) {}

  add(kind: FindingKind, position: bigint | null, detail: string): void {
    this.count += 1;
    if (this.list.length < this.max) this.list.push({ kind, position: position === null ? null : position.toString(), detail });
  }
}
