import { applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { problem, ProblemError } from './problem-details';

/**
 * Cursor pagination for every list the API answers (`?limit=&after=`, RFC 8288 `Link: <…>; rel="next"`).
 *
 * A list is ordered by an immutable key of its items (the global position at which each was first
 * recorded, a revision in its stream, with a tie-break where two items share one), and a cursor
 * carries the key of the last item of a page, never an offset: items appended while a client pages
 * through a list come after every key it has seen (positions only grow), so no item is skipped or
 * repeated however the list grows between two pages.
 */

export const DEFAULT_PAGE_LIMIT = 100;
export const MAX_PAGE_LIMIT = 1000;

/**
 * One kind of list: its name (a cursor of another list is refused, so a cursor of one question's
 * claims is not silently read as a position in another's events) and how its key is written into a
 * cursor and read back. `decode` answers undefined for parts that are no key of this list.
 */
export interface CursorKind<K> {
  readonly list: string;
  encode(key: K): string[];
  decode(parts: readonly string[]): K | undefined;
}

export interface PageRequest<K> {
  limit: number;
  /** The key of the last item the client has seen; undefined for the first page. */
  after: K | undefined;
}

export interface Page<T, K> {
  items: T[];
  /** The key to continue after, when there is a next page. */
  next: K | undefined;
}

const DECIMAL = /^\d{1,20}$/;

/** A list ordered by one global position (or a revision): the key is a bigint. */
export function positionCursor(list: string): CursorKind<bigint> {
  return {
    list,
    encode: (key) => [key.toString()],
    decode: (parts) => (parts.length === 1 && DECIMAL.test(parts[0]!) ? BigInt(parts[0]!) : undefined),
  };
}

/** A list ordered by a position, then by a text (two items recorded by one event: an author and the one who recorded them). */
export function positionAndTextCursor(list: string): CursorKind<{ position: bigint; text: string }> {
  return {
    list,
    encode: (key) => [key.position.toString(), key.text],
    decode: (parts) => (parts.length === 2 && DECIMAL.test(parts[0]!) && parts[1]!.length <= 1000 ? { position: BigInt(parts[0]!), text: parts[1]! } : undefined),
  };
}

const invalid = (field: string, detail: string, message: string) => new ProblemError(problem(400, 'validation', detail, [{ field, message }]));

/** `limit`: a whole number 1–1000, given at most once; 100 when absent. */
export function parseLimit(value: unknown): number {
  if (value === undefined) return DEFAULT_PAGE_LIMIT;
  if (typeof value !== 'string') throw invalid('limit', 'limit must be given once, as a whole number', 'must be one whole number');
  if (!/^\d{1,4}$/.test(value)) throw invalid('limit', `limit must be a whole number from 1 to ${MAX_PAGE_LIMIT}`, `not a whole number from 1 to ${MAX_PAGE_LIMIT}`);
  const limit = Number(value);
  if (limit < 1 || limit > MAX_PAGE_LIMIT) throw invalid('limit', `limit must be from 1 to ${MAX_PAGE_LIMIT} (it is ${limit})`, `must be from 1 to ${MAX_PAGE_LIMIT}`);
  return limit;
}

/** `after`: a cursor this list gave (base64url of a small JSON naming the list and the key). */
export function parseCursor<K>(value: unknown, kind: CursorKind<K>): K | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalid('after', 'after must be given once, as a cursor from a `Link: rel="next"` header', 'must be one cursor');
  const refuse = (why: string) => invalid('after', `after is not a cursor of this list: ${why}; use the one the previous page's Link header gives`, why);
  if (value.length === 0 || value.length > 2048 || !/^[A-Za-z0-9_-]+$/.test(value)) throw refuse('not base64url');
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw refuse('it does not decode');
  }
  if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded)) throw refuse('it does not decode');
  const { l, k } = decoded as { l?: unknown; k?: unknown };
  if (typeof l !== 'string' || !Array.isArray(k) || !k.every((part) => typeof part === 'string')) throw refuse('it does not decode');
  if (l !== kind.list) throw refuse('it belongs to another list');
  const key = kind.decode(k as string[]);
  if (key === undefined) throw refuse('its key is not one of this list');
  return key;
}

export function encodeCursor<K>(kind: CursorKind<K>, key: K): string {
  return Buffer.from(JSON.stringify({ l: kind.list, k: kind.encode(key) }), 'utf8').toString('base64url');
}

/** `?limit=&after=` of a request, checked: a bad value is a 400 `validation` problem naming the parameter. */
export function readPageRequest<K>(query: { limit?: unknown; after?: unknown }, kind: CursorKind<K>): PageRequest<K> {
  return { limit: parseLimit(query.limit), after: parseCursor(query.after, kind) };
}

/**
 * One page of items already in ascending key order: those after the cursor, at most `limit`, and the
 * key to continue after when more follow. Iterates lazily: it stops at the item after the page.
 */
export function takePage<T, K>(items: Iterable<T>, keyOf: (item: T) => K, compare: (a: K, b: K) => number, request: PageRequest<K>): Page<T, K> {
  const page: T[] = [];
  for (const item of items) {
    if (request.after !== undefined && compare(keyOf(item), request.after) <= 0) continue;
    if (page.length === request.limit) return { items: page, next: keyOf(page[page.length - 1]!) };
    page.push(item);
  }
  return { items: page, next: undefined };
}

/**
 * As takePage, on an array sorted by key: the first item after the cursor is found by bisection; with
 * `accept`, only the items it accepts count (a filter), and the rest of the array is scanned for them.
 */
export function takePageOfSorted<T, K>(
  items: readonly T[],
  keyOf: (item: T) => K,
  compare: (a: K, b: K) => number,
  request: PageRequest<K>,
  accept?: (item: T) => boolean,
): Page<T, K> {
  let start = 0;
  if (request.after !== undefined) {
    let high = items.length;
    while (start < high) {
      const middle = (start + high) >>> 1;
      if (compare(keyOf(items[middle]!), request.after) <= 0) start = middle + 1;
      else high = middle;
    }
  }
  if (!accept) {
    const page = items.slice(start, start + request.limit);
    return { items: page, next: start + request.limit < items.length ? keyOf(page[page.length - 1]!) : undefined };
  }
  const page: T[] = [];
  for (let i = start; i < items.length; i++) {
    if (!accept(items[i]!)) continue;
    if (page.length === request.limit) return { items: page, next: keyOf(page[page.length - 1]!) };
    page.push(items[i]!);
  }
  return { items: page, next: undefined };
}

export const compareBigints = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);
export const comparePositionAndText = (a: { position: bigint; text: string }, b: { position: bigint; text: string }) =>
  compareBigints(a.position, b.position) || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0);

/**
 * Sets `Link: <path?…&limit=…&after=…>; rel="next"` when there is a next page (the request's other
 * query parameters kept, so filters and minPosition carry over), and nothing on the last page.
 */
export function setNextLink<K>(req: Request, res: Response, kind: CursorKind<K>, limit: number, next: K | undefined): void {
  if (next === undefined) return;
  const url = new URL(req.originalUrl, 'http://ledger.invalid');
  url.searchParams.delete('after');
  url.searchParams.set('limit', String(limit));
  url.searchParams.set('after', encodeCursor(kind, next));
  res.setHeader('Link', `<${url.pathname}${url.search}>; rel="next"`);
}

/** Answers one page: the Link header set, the items returned. */
export function answerPage<T, K>(req: Request, res: Response, kind: CursorKind<K>, request: PageRequest<K>, page: Page<T, K>): T[] {
  setNextLink(req, res, kind, request.limit, page.next);
  return page.items;
}

/** What the OpenAPI document says of `limit` and `after`. */
export const ApiPageQueries = () =>
  applyDecorators(
    ApiQuery({
      name: 'limit',
      required: false,
      schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_LIMIT, default: DEFAULT_PAGE_LIMIT },
      description: `how many items a page holds (1–${MAX_PAGE_LIMIT}, default ${DEFAULT_PAGE_LIMIT}); the next page's URL is in the \`Link: <…>; rel="next"\` header, absent on the last page`,
    }),
    ApiQuery({
      name: 'after',
      required: false,
      schema: { type: 'string', pattern: '^[A-Za-z0-9_-]+$', maxLength: 2048 },
      description: 'an opaque cursor: the items after the last one of the previous page (take it from the `Link` header). It carries an immutable key, never an offset: items recorded meanwhile are neither skipped nor repeated',
    }),
  );

/** The `Link` header of a page answer, for ApiOkResponse's `headers`. */
export const NEXT_LINK_HEADER = {
  Link: {
    description: 'RFC 8288: `<url>; rel="next"`, the next page (same parameters, with `limit` and `after`); absent on the last page',
    schema: { type: 'string' as const },
  },
};

/** The 400 a page's parameters can answer, to add to an operation's 400 description. */
export const PAGE_PROBLEM = 'limit is not a whole number from 1 to 1000 or given twice, or after is not a cursor of this list (`validation`, naming the parameter)';

/**
 * A filter given as a comma list, repeated, or both (`?label=a,b&label=c`): each value read by `read`
 * (undefined refuses it, by the parameter's name); undefined when the parameter is absent.
 */
export function readListFilter<T>(value: unknown, field: string, read: (text: string) => T | undefined, accepts: string, max = MAX_PAGE_LIMIT): T[] | undefined {
  if (value === undefined) return undefined;
  const texts = (Array.isArray(value) ? value : [value]).map((part) => {
    if (typeof part !== 'string') throw invalid(field, `${field} must be ${accepts}`, `must be ${accepts}`);
    return part;
  });
  const values: T[] = [];
  for (const text of texts.flatMap((part) => part.split(','))) {
    const item = read(text.trim());
    if (item === undefined) throw invalid(field, `${field} must be ${accepts} (not "${text.slice(0, 100)}")`, `"${text.slice(0, 100)}" is not ${accepts}`);
    values.push(item);
  }
  if (values.length === 0) throw invalid(field, `${field} must be ${accepts}`, 'empty');
  if (values.length > max) throw invalid(field, `${field} names more than ${max} values`, `at most ${max} values`);
  return values;
}

/** A yes-or-no parameter: `true` or `false`, given at most once. */
export function readBooleanQuery(value: unknown, field: string, absent: boolean): boolean {
  if (value === undefined) return absent;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw invalid(field, `${field} must be true or false, given once`, 'must be true or false');
}

/**
 * A paged route's side of the exchange: reads `limit` and `after` from the query, and sets the next
 * page's link on the answer. A route takes it as `@Paging() pager: Pager`.
 */
export class Pager {
  /** Without a request (a handler called in process, as the bench does): the first page, no link. */
  static readonly none = new Pager(undefined, undefined);

  constructor(
    private readonly request: Request | undefined,
    private readonly response: Response | undefined,
  ) {}

  /** The page asked for in a list of this kind: a 400 naming `limit` or `after` when either is not well formed. */
  pageOf<K>(kind: CursorKind<K>): PageRequest<K> {
    const query = (this.request?.query ?? {}) as { limit?: unknown; after?: unknown };
    return readPageRequest({ limit: query.limit, after: query.after }, kind);
  }

  /** Sets the link to the next page when there is one, and gives the page's items. */
  answer<T, K>(kind: CursorKind<K>, request: PageRequest<K>, page: Page<T, K>): T[] {
    if (this.request && this.response) setNextLink(this.request, this.response, kind, request.limit, page.next);
    return page.items;
  }
}

export const Paging = createParamDecorator((_: unknown, context: ExecutionContext): Pager => {
  const http = context.switchToHttp();
  return new Pager(http.getRequest<Request>(), http.getResponse<Response>());
});
