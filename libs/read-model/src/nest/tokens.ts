/** Injection token of the configured read-model store (SQLite or MongoDB). */
export const READ_MODEL = Symbol('READ_MODEL');
export const READ_MODEL_OPTIONS = Symbol('READ_MODEL_OPTIONS');

export interface ReadModelModuleOptions {
  /**
   * `config` (the server): run the in-process projector when the configuration
   * says so (embedded store by default). `always` (apps/projector): run it.
   * `never` (one-shot CLI commands): never start it; catchUp() may still be called.
   */
  readonly projector?: 'config' | 'always' | 'never';
}
