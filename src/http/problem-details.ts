import { problemTypeUri } from './openapi/problem-types';

/** RFC 9457 problem details: the one error shape the API answers with. */
export interface FieldError {
  field: string;
  message: string;
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * Problem types are stable slugs so clients can branch on them; `type` is `/problems/<slug>`, a page
 * describing the type (openapi/problem-types.ts holds the table, openapi/problem-pages.ts serves it).
 */
export function problem(
  status: number,
  slug: string,
  detail: string,
  errors: FieldError[] = [],
  extensions: Record<string, unknown> = {},
): ProblemDetails {
  // Extensions never override the standard members.
  return {
    ...extensions,
    type: problemTypeUri(slug),
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    errors,
  };
}

/** An error the API turns into problem details as it is; thrown by the HTTP layer and the ledger's shell. */
export class ProblemError extends Error {
  constructor(
    readonly problem: ProblemDetails,
    readonly headers: Record<string, string> = {},
  ) {
    super(problem.detail);
  }
}
