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
 * Every event is hashed on the write path and this is most of the cost of sealing one, so it avoids
 * garbage: one string appended to, keys sorted in place, quoted keys remembered.
 */
export function canonicalObject(value: Record<string, unknown>, omit?: string): string {
  const keys = sortInPlace(Object.keys(value));
  let out = '{';
  for (const key of keys) {
    const member = value[key];
    if (member === undefined || key === omit) continue;
    if (out.length > 1) out += ',';
    out += `${quoted(key)}:${canonicalJson(member)}`;
  }
  return `${out}}`;
}

/**
 * The order of Array.prototype.sort() on strings (by UTF-16 code unit), by insertion: objects have a
 * handful of keys, and the built-in sort copies them to a work array first.
 */
function sortInPlace(keys: string[]): string[] {
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i];
    let j = i - 1;
    while (j >= 0 && keys[j] > key) {
      keys[j + 1] = keys[j];
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
}

/** Events use a few dozen key names over and over. Bounded, for data with keys of its own. */
const quotedKeys = new Map<string, string>();
const QUOTED_KEYS_KEPT = 1_000;

function quoted(key: string): string {
  let json = quotedKeys.get(key);
  if (json === undefined) {
    json = JSON.stringify(key);
    if (quotedKeys.size < QUOTED_KEYS_KEPT) quotedKeys.set(key, json);
  }
  return json;
}
