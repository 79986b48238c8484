/**
 * Canonical JSON for hashing: object keys sorted by code point, no whitespace, `undefined` members
 * dropped (as JSON.stringify does). The same value always gives the same bytes, whatever order its
 * keys were built in, so a hash can be recomputed by anyone from the stored event.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('canonicalJson: numbers must be finite');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  return canonicalObject(value as Record<string, unknown>);
}

/**
 * An object's canonical JSON, leaving out the member `omit` if given (as if it were not there).
 * Built by appending to one string rather than mapping and joining arrays: every event is hashed on
 * the write path, and this is most of the cost of sealing one.
 */
export function canonicalObject(value: Record<string, unknown>, omit?: string): string {
  const keys = Object.keys(value).sort();
  let out = '{';
  for (const key of keys) {
    const member = value[key];
    if (member === undefined || key === omit) continue;
    if (out.length > 1) out += ',';
    out += `${JSON.stringify(key)}:${canonicalJson(member)}`;
  }
  return `${out}}`;
}
