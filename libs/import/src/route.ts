import { committeeKey } from '@sagsspor/sag';

/**
 * Where a committee's recommendation goes: the next body on the printed route
 * ("indstiller til byrådet via A, B og C"), else the deciding body.
 */
export function recommendationTarget(committee: string, route: readonly string[], decidingBody: string | null): string | null {
  const key = committeeKey(committee);
  const at = route.findIndex((body) => sameBody(committeeKey(body), key));
  const next = at >= 0 ? route[at + 1] : undefined;
  const target = next ?? decidingBody ?? route[route.length - 1] ?? null;
  return target && !sameBody(committeeKey(target), key) ? target : decidingBody;
}

/** "Økonomiudvalget" and "økonomiudvalg" name the same body; so do a name and its "Udvalget for ..." form. */
function sameBody(a: string, b: string): boolean {
  const strip = (s: string) => s.replace(/^udvalget for /, '').replace(/(et|en)$/, '');
  return strip(a) === strip(b);
}
