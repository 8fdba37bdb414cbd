/**
 * Canonical JSON: object keys sorted (by UTF-16 code unit, as Array.sort),
 * no whitespace, undefined members left out (in arrays: null, as
 * JSON.stringify does), so the same value always hashes the same however it
 * was built or stored. Every event written and every event checkpointed goes
 * through here, so it builds one string in one pass: no entry arrays, no
 * intermediate joins.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return arrayJson(value);
  return objectJson(value as Record<string, unknown>);
}

function arrayJson(items: readonly unknown[]): string {
  let out = '[';
  for (let index = 0; index < items.length; index += 1) {
    if (index > 0) out += ',';
    out += canonicalJson(items[index]);
  }
  return `${out}]`;
}

function objectJson(object: Record<string, unknown>): string {
  const keys = Object.keys(object).sort();
  let out = '{';
  for (const key of keys) {
    const member = object[key];
    if (member === undefined) continue;
    if (out.length > 1) out += ',';
    out += `${JSON.stringify(key)}:${canonicalJson(member)}`;
  }
  return `${out}}`;
}
