export * from './get-sag-history';
export * from './record-context';
export * from './record-correction';
export * from './record-treatment';
export * from './record-treatments';
export * from './recording.module';
export * from './sag-stream';
export * from './verify-audit-log';
