/** One contender in the benchmark: appends events [from, to) of its workload, in order. */
export interface BenchSide {
  run(from: number, to: number): void | Promise<void>;
  close(): void | Promise<void>;
}
