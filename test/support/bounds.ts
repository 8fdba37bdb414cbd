/**
 * How long a test waits for a condition (an event, a delivery, a catch-up)
 * before it calls the run broken. Never a measure: far beyond what the work
 * takes on a loaded machine, so it only stops a broken run from hanging and
 * never decides a healthy one. Jest's own timeout (jest.config.js) is larger.
 */
export const SAFETY_BOUND_MS = 60_000;
