import { decide, fold, type SagCommand, type SagEvent } from '@sagsspor/sag';

/** Given these past events, when this command is decided, then expect ... */
export function given(...history: SagEvent[]) {
  return {
    when(command: SagCommand) {
      const run = () => decide(command, fold(history));
      return {
        then(expected: SagEvent[]) {
          expect(run()).toEqual(expected);
        },
        thenNothingIsRecorded() {
          expect(run()).toEqual([]);
        },
        thenFailsWith(code: string) {
          expect(run).toThrow(expect.objectContaining({ code }) as unknown as Error);
        },
        events: run,
      };
    },
  };
}
