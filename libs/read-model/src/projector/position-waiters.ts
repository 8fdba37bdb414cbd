interface Waiter {
  readonly position: bigint;
  readonly resolve: (reached: boolean) => void;
  readonly timer: NodeJS.Timeout;
}

/** Callers waiting for the live read model to reach a log position (read-your-writes). */
export class PositionWaiters {
  private readonly waiters = new Set<Waiter>();
  private reached = -1n;

  get position(): bigint {
    return this.reached;
  }

  get pending(): number {
    return this.waiters.size;
  }

  /** Resolves true once `position` is reached, false after `timeoutMs`. */
  wait(position: bigint, timeoutMs: number): Promise<boolean> {
    if (this.reached >= position) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const waiter: Waiter = {
        position,
        resolve,
        timer: setTimeout(
          () => {
            this.waiters.delete(waiter);
            resolve(this.reached >= position);
          },
          Math.max(0, timeoutMs),
        ),
      };
      this.waiters.add(waiter);
    });
  }

  /** The live model now reflects every event up to `position`. */
  advance(position: bigint): void {
    if (position <= this.reached) return;
    this.reached = position;
    this.release();
  }

  /** A generation swap can move the live checkpoint backwards; waiters then wait for the new one. */
  resetTo(position: bigint): void {
    this.reached = position;
    this.release();
  }

  private release(): void {
    const position = this.reached;
    for (const waiter of this.waiters) {
      if (waiter.position > position) continue;
      clearTimeout(waiter.timer);
      this.waiters.delete(waiter);
      waiter.resolve(true);
    }
  }

  cancelAll(): void {
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.resolve(this.reached >= waiter.position);
    }
    this.waiters.clear();
  }
}
