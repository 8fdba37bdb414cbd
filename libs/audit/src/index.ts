export * from './canonical-json';
export * from './chain-verifier';
export * from './cut';
export * from './errors';
export * from './hash-chain';
export * from './history-at';
export * from './verify-log';
export * from './checkpoints';
