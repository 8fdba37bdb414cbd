/**
 * How long a test waits for a condition (an event, a delivery, a catch-up)
 * before it calls the run broken. Never a measure: far beyond what the work
 * takes on a loaded machine, so it only stops a broken run from hanging and
 * never decides a healthy one. Jest's own timeout (jest.config.js) is larger.
 */
export const SAFETY_BOUND_MS = 120_000;

/** How often a wait looks again. */
export const POLL_MS = 25;

/**
 * Waits for a condition (its first value that is not null or false), looking
 * every POLL_MS. The bound is counted in looks, not read off the clock: a
 * process that is paused (SIGSTOP, or starved on a loaded machine) loses no
 * looks while it does nothing, so coming back it looks again instead of
 * finding its time gone.
 */
export async function pollUntil<T>(
  condition: () => T | null | false | Promise<T | null | false>,
  what: string,
  boundMs = SAFETY_BOUND_MS,
): Promise<T> {
  for (let looks = Math.ceil(boundMs / POLL_MS); ; looks -= 1) {
    const value = await condition();
    if (value !== null && value !== false) return value;
    if (looks <= 0) throw new Error(`gave up waiting for ${what} after ${boundMs / 1000} s of looking`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * The bound of a child process a test waits for synchronously (spawnSync).
 * Node reads that one off the clock, and a paused test process (SIGSTOP while
 * something else is measured) finds it gone on waking: so it is far beyond
 * any pause, and only stops a hung child from hanging the run for good.
 */
export const CHILD_BOUND_MS = 1_500_000;
