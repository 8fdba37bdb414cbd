export * from './checkpoint';
export * from './checkpoint-store';
export * from './checkpointer';
export * from './errors';
export * from './log-chain';
export * from './signing-key';
export * from './verify-against';
export * from './latest-checkpoint';
