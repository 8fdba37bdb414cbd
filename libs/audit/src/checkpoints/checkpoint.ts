import type { LogHead } from './log-chain';

/**
 * A checkpoint as published and saved: the log through `position` holds
 * `count` events and has this `root`. Signed (Ed25519) when the server has a
 * signing key; `keyId` names the key, so a verifier picks the right public key.
 */
export interface Checkpoint {
  readonly position: string;
  readonly count: number;
  readonly root: string;
  readonly keyId: string | null;
  readonly signature: string | null;
}

export const toLogHead = (c: Checkpoint): LogHead => ({ position: BigInt(c.position), count: c.count, root: c.root });

/** The exact bytes signed: a versioned, line-based text, so no JSON canonicalisation question arises. */
export function signedText(head: { readonly position: string; readonly count: number; readonly root: string }): string {
  return `sagsspor-checkpoint/v1\n${head.position}\n${head.count}\n${head.root}\n`;
}
