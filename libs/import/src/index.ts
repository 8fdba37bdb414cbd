export * from './import-minutes';
export * from './import.module';
export * from './plan';
export * from './route';
export * from './summary';
