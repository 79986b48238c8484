/**
 * Helpers for comparing a view restored from a snapshot with the folded one: `toEqual` ignores key
 * order and object identity, and both matter to a restore (pages are cut in Map order; a record
 * the fold shares must stay one record, or a later event changes only one copy).
 */

/** The value with every object's keys and every Map's entries in their order, so that `toEqual` compares the order too. */
export function ordered(value: unknown): unknown {
  if (value instanceof Map) return { map: [...value].map(([k, v]) => [k, ordered(v)]) };
  if (Array.isArray(value)) return value.map(ordered);
  if (typeof value === 'object' && value !== null) return { keys: Object.entries(value).map(([k, v]) => [k, ordered(v)]) };
  return value;
}

/** Each object (not array or Map) met walking the value, as the order of the first time it was met: equal patterns, equal sharing. */
export function sharing(value: unknown, seen = new Map<object, number>(), pattern: number[] = []): number[] {
  if (typeof value !== 'object' || value === null) return pattern;
  const plain = !Array.isArray(value) && !(value instanceof Map);
  if (plain) {
    const first = seen.get(value);
    if (first !== undefined) {
      pattern.push(first);
      return pattern;
    }
    seen.set(value, seen.size);
    pattern.push(seen.size - 1);
  }
  for (const item of value instanceof Map ? [...value.values()] : Object.values(value)) sharing(item, seen, pattern);
  return pattern;
}
