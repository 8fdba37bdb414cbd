export const CHECKPOINT_STORE = Symbol('CHECKPOINT_STORE');
/** The Ed25519 key that signs checkpoints, or null when none is configured. */
export const AUDIT_SIGNING_KEY = Symbol('AUDIT_SIGNING_KEY');
