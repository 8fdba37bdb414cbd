export * from './contract';
export * from './filter';
export * from './integration-event-mapper';
export * from './proposal-directory';
export * from './redact';
export * from './to-integration-event';
