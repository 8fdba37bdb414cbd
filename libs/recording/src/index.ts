export * from './errors';
export * from './get-sag-history';
export * from './record-context';
export * from './record-treatment';
export * from './recording.module';
export * from './sag-stream';
export * from './tokens';
