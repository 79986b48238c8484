import { applyDecorators, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery } from '@nestjs/swagger';
import type { ReferenceObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ApiPageQueries, NEXT_LINK_HEADER, PAGE_PROBLEM } from '../pagination';
import { ApiProblems, ApiReadAccess, idProblems, MIN_POSITION_PROBLEMS } from './problem-responses';

/** Everything a read route declares but its handler: the path, the docs, the answer's schema, its errors. */
export interface ReadRouteDocs {
  /** The path below the controller's prefix (none: the prefix itself). */
  path?: string;
  summary: string;
  description?: string;
  /** What the 200 answer holds. */
  answer: string;
  /** Error answers beyond the read's own (these win over the minPosition ones for the same status). */
  problems?: Record<number, string>;
  /** The kind of thing the path's `:id` names, for its 400 and 404 (before `problems`, which may say more). */
  subject?: string;
  /** The answer's ETag: whose revision it is, and what a writer sends it back with (added to the description). */
  etag?: { revision: string; sentBackOn: string };
  /** Whether the route takes `?minPosition=` (it reads the read models); false for reads of the store itself. */
  minPosition?: false;
}

type Schema = SchemaObject | ReferenceObject;

/**
 * A read route: its docs, and either the schema of its answer (src/response-schemas), or, for a list
 * answered a page at a time (src/http/pagination.ts: `?limit=&after=`, the `Link` header, their
 * 400), the schema of the list's items.
 */
export type ReadRouteSpec = ReadRouteDocs & ({ schema: Schema; pageOf?: never } | { pageOf: Schema; schema?: never });

const MIN_POSITION_QUERY = {
  name: 'minPosition',
  required: false,
  schema: { type: 'string', pattern: '^\\d+$' },
  description: 'wait until the read models include this position (a write’s answer)',
} as const;

/** What the API docs say of `?minPosition=`, for reads that declare themselves without ReadRoute. */
export const ApiMinPositionQuery = () => ApiQuery(MIN_POSITION_QUERY);

/** One decorator for what every read route declares: GET, who may read, `?minPosition=`, the answer and its errors. */
export const ReadRoute = (spec: ReadRouteSpec) => {
  const waits = spec.minPosition !== false;
  const readProblems: Record<number, string> = waits ? MIN_POSITION_PROBLEMS : {};
  const subjectProblems: Record<number, string> = spec.subject ? idProblems(spec.subject) : {};
  const problems = { ...readProblems, ...subjectProblems, ...spec.problems };
  const paged = spec.pageOf !== undefined;
  const etag = spec.etag && `The ETag is ${spec.etag.revision}: send it back as If-Match on ${spec.etag.sentBackOn}.`;
  const description = [spec.description, etag].filter(Boolean).join(' ');
  if (paged) problems[400] = problems[400] ? `${problems[400]}; or ${PAGE_PROBLEM}` : PAGE_PROBLEM;
  return applyDecorators(
    Get(spec.path ?? ''),
    ApiOperation({ summary: spec.summary, ...(description ? { description } : {}) }),
    ApiReadAccess(),
    ...(waits ? [ApiQuery(MIN_POSITION_QUERY)] : []),
    ...(paged ? [ApiPageQueries()] : []),
    paged
      ? ApiOkResponse({ description: spec.answer, schema: { type: 'array', items: spec.pageOf }, headers: NEXT_LINK_HEADER })
      : ApiOkResponse({ description: spec.answer, schema: spec.schema }),
    ApiProblems(problems),
  );
};
