import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import { InvalidCheckpointError } from './errors';
import { signedText, type Checkpoint } from './checkpoint';
import type { LogHead } from './log-chain';

/** A public key as served at GET /audit/keys. */
export interface PublicKeyInfo {
  readonly keyId: string;
  readonly algorithm: 'Ed25519';
  /** SPKI, PEM-encoded: what `crypto.createPublicKey` and `openssl pkey -pubin` read. */
  readonly publicKeyPem: string;
}

export interface SigningKey {
  readonly privateKey: KeyObject;
  readonly publicKey: PublicKeyInfo;
}

/** The key id: the first 16 hex digits of the SHA-256 of the public key (SPKI DER). */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

export function publicKeyInfo(publicKey: KeyObject): PublicKeyInfo {
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error(`Not an Ed25519 key: ${publicKey.asymmetricKeyType ?? 'symmetric'}`);
  return { keyId: keyIdOf(publicKey), algorithm: 'Ed25519', publicKeyPem: String(publicKey.export({ type: 'spki', format: 'pem' })) };
}

/** Reads an Ed25519 private key (PKCS#8 PEM, as `openssl genpkey -algorithm ed25519` writes). */
export function loadSigningKey(file: string): SigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(fs.readFileSync(file));
  } catch (error) {
    throw new Error(`SAGSSPOR_AUDIT_SIGNING_KEY_FILE ${file} is not a readable private key: ${(error as Error).message}`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(`SAGSSPOR_AUDIT_SIGNING_KEY_FILE ${file} holds a ${privateKey.asymmetricKeyType ?? 'secret'} key, not Ed25519.`);
  }
  return { privateKey, publicKey: publicKeyInfo(createPublicKey(privateKey)) };
}

/** The key from the environment, or null when none is configured (checkpoints are then unsigned). */
export function signingKeyFromEnv(env: NodeJS.ProcessEnv = process.env): SigningKey | null {
  const file = env['SAGSSPOR_AUDIT_SIGNING_KEY_FILE']?.trim();
  return file ? loadSigningKey(file) : null;
}

export function signCheckpoint(head: LogHead, key: SigningKey | null): Checkpoint {
  const unsigned = { position: head.position.toString(), count: head.count, root: head.root };
  if (!key) return { ...unsigned, keyId: null, signature: null };
  const signature = sign(null, Buffer.from(signedText(unsigned)), key.privateKey).toString('base64');
  return { ...unsigned, keyId: key.publicKey.keyId, signature };
}

export type SignatureVerdict = 'valid' | 'unsigned';

/**
 * Throws InvalidCheckpointError unless the checkpoint is signed by one of the
 * trusted keys, or is unsigned and `allowUnsigned` (a log without a key).
 */
export function checkSignature(checkpoint: Checkpoint, trusted: readonly PublicKeyInfo[], allowUnsigned: boolean): SignatureVerdict {
  if (checkpoint.signature === null || checkpoint.keyId === null) {
    if (allowUnsigned) return 'unsigned';
    throw new InvalidCheckpointError('The checkpoint is not signed, but this log signs its checkpoints: it was not issued by this log.');
  }
  const key = trusted.find((k) => k.keyId === checkpoint.keyId);
  if (!key) {
    const known = trusted.map((k) => k.keyId).join(', ') || 'none';
    throw new InvalidCheckpointError(`The checkpoint is signed by key ${checkpoint.keyId}, which is not a key of this log (${known}).`);
  }
  const ok = verify(
    null,
    Buffer.from(signedText(checkpoint)),
    createPublicKey(key.publicKeyPem),
    Buffer.from(checkpoint.signature, 'base64'),
  );
  if (!ok) throw new InvalidCheckpointError(`The checkpoint's signature does not verify with key ${key.keyId}: it was forged or altered.`);
  return 'valid';
}
