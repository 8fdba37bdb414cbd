import { kommuneKey } from '@sagsspor/sag';

const MAX_REMEMBERED = 1000;
const keys = new Map<string, string>();

/** There are 98 kommuner: remembering their keys spares a locale-aware lower-casing per event. */
export function cachedKommuneKey(kommune: string): string {
  let key = keys.get(kommune);
  if (key === undefined) {
    key = kommuneKey(kommune);
    if (keys.size < MAX_REMEMBERED) keys.set(kommune, key);
  }
  return key;
}
