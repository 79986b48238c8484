import { describe, expect, it } from 'vitest';
import { compareBigints, encodeCursor, parseCursor, parseLimit, positionAndTextCursor, positionCursor, takePage, takePageOfSorted } from '../../src/http/pagination';
import { ProblemError } from '../../src/http/problem-details';

/** The paging functions by themselves (src/http/pagination.ts); over HTTP: pagination.http.test.ts. */
describe('pages cut by an immutable key', () => {
  const items = [1n, 3n, 4n, 9n, 12n].map((position) => ({ position }));
  const key = (item: { position: bigint }) => item.position;

  it('lazily and by bisection alike: the items after the cursor, the next key only when more follow', () => {
    for (const take of [takePage, takePageOfSorted] as const) {
      expect(take(items, key, compareBigints, { limit: 2, after: undefined })).toEqual({ items: items.slice(0, 2), next: 3n });
      expect(take(items, key, compareBigints, { limit: 2, after: 3n })).toEqual({ items: items.slice(2, 4), next: 9n });
      // A key between two items (the item it named is gone from a filtered list): the next one after it.
      expect(take(items, key, compareBigints, { limit: 2, after: 5n })).toEqual({ items: items.slice(3, 5), next: undefined });
      expect(take(items, key, compareBigints, { limit: 5, after: undefined })).toEqual({ items, next: undefined });
      expect(take(items, key, compareBigints, { limit: 3, after: 12n })).toEqual({ items: [], next: undefined });
      expect(take([], key, compareBigints, { limit: 3, after: undefined })).toEqual({ items: [], next: undefined });
    }
    const odd = (item: { position: bigint }) => item.position % 2n === 1n;
    expect(takePageOfSorted(items, key, compareBigints, { limit: 1, after: 1n }, odd)).toEqual({ items: [items[1]], next: 3n });
    expect(takePageOfSorted(items, key, compareBigints, { limit: 1, after: 3n }, odd)).toEqual({ items: [items[3]], next: undefined });
  });

  it('a cursor decodes to the key it was made from, and only in its own list', () => {
    const kind = positionAndTextCursor('participants');
    const cursor = encodeCursor(kind, { position: 42n, text: 'Boris Volodarsky' });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(parseCursor(cursor, kind)).toEqual({ position: 42n, text: 'Boris Volodarsky' });
    const refused = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return (error as ProblemError).problem.errors;
      }
      throw new Error('not refused');
    };
    expect(refused(() => parseCursor(cursor, positionAndTextCursor('other')))).toEqual([{ field: 'after', message: 'it belongs to another list' }]);
    expect(refused(() => parseCursor(encodeCursor(positionCursor('participants'), 3n), kind))[0]!.field).toBe('after');
    expect(refused(() => parseCursor(['a', 'b'], kind))[0]!.field).toBe('after');
    expect(refused(() => parseLimit('0'))[0]!.field).toBe('limit');
    expect(parseLimit(undefined)).toBe(100);
    expect(parseLimit('1000')).toBe(1000);
  });
});
