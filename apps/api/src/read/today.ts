/** Today's date (UTC) for "stale" filters: the clock is read here, at the edge, never in the read model. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
