import { applyDecorators, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery } from '@nestjs/swagger';
import type { ReferenceObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ApiPageQueries, NEXT_LINK_HEADER, PAGE_PROBLEM } from '../pagination';
import { ApiProblems, ApiReadAccess, MIN_POSITION_PROBLEMS } from './problem-responses';

/** Everything a read route declares but its handler: the path, the docs, the answer's schema, its errors. */
export interface ReadRouteSpec {
  /** The path below the controller's prefix (none: the prefix itself). */
  path?: string;
  summary: string;
  description?: string;
  /** What the 200 answer holds, and its schema (src/response-schemas). */
  answer: string;
  schema: SchemaObject | ReferenceObject;
  /** Error answers beyond the read's own (these win over the minPosition ones for the same status). */
  problems?: Record<number, string>;
  /** Whether the route takes `?minPosition=` (it reads the read models); false for reads of the store itself. */
  minPosition?: false;
  /** A list answered a page at a time (src/http/pagination.ts): `?limit=&after=`, the `Link` header, their 400. */
  paged?: true;
}

const MIN_POSITION_QUERY = {
  name: 'minPosition',
  required: false,
  schema: { type: 'string', pattern: '^\\d+$' },
  description: 'wait until the read models include this position (a write’s answer)',
} as const;

/** One decorator for what every read route declares: GET, who may read, `?minPosition=`, the answer and its errors. */
export const ReadRoute = (spec: ReadRouteSpec) => {
  const waits = spec.minPosition !== false;
  const readProblems: Record<number, string> = waits ? MIN_POSITION_PROBLEMS : {};
  const problems = { ...readProblems, ...spec.problems };
  if (spec.paged) problems[400] = problems[400] ? `${problems[400]}; or ${PAGE_PROBLEM}` : PAGE_PROBLEM;
  return applyDecorators(
    Get(spec.path ?? ''),
    ApiOperation({ summary: spec.summary, ...(spec.description ? { description: spec.description } : {}) }),
    ApiReadAccess(),
    ...(waits ? [ApiQuery(MIN_POSITION_QUERY)] : []),
    ...(spec.paged ? [ApiPageQueries()] : []),
    ApiOkResponse({ description: spec.answer, schema: spec.schema, ...(spec.paged ? { headers: NEXT_LINK_HEADER } : {}) }),
    ApiProblems(problems),
  );
};
