/**
 * In-process "something was appended" signal. Carries no payload: listeners
 * re-read the store, so a missed or merged signal can never lose an event.
 */
export class AppendSignal {
  private readonly listeners = new Set<() => void>();

  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(): void {
    for (const listener of this.listeners) listener();
  }
}
