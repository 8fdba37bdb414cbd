export * from './errors';
export * from './test-kill-point';
