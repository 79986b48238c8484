import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiSecurity } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '../problem-details';

export const PROBLEM_SCHEMA_NAME = 'ProblemDetails';

/** The content of every error answer: problem details (the problem filter and the body and method middlewares send nothing else). */
export const problemContent = () => ({ [PROBLEM_CONTENT_TYPE]: { schema: { $ref: `#/components/schemas/${PROBLEM_SCHEMA_NAME}` } } });

/** The error answers an operation really gives, by status, each described for that operation. */
export const ApiProblems = (problems: Record<number, string>) =>
  applyDecorators(...Object.entries(problems).map(([status, description]) => ApiResponse({ status: Number(status), description, content: problemContent() })));

/** What a write answers when its principal wrote too often (the write rate limit). */
export const RATE_LIMIT_PROBLEM = { 429: 'Over LEDGER_RATE_LIMIT_WRITES_PER_MINUTE (`rate-limited`); see Retry-After' };

/** What a path id that is not a UUID, or names nothing, answers. */
export const idProblems = (what: string, param = 'id') => ({
  400: `${param} is not a UUID (\`validation\`, naming ${param})`,
  404: `No ${what} has this id (\`not-found\`)`,
});

/** A read waits for the read models to catch up (to minPosition, else to the log's head) before it answers. */
export const READ_TIMEOUT_PROBLEM = {
  503: 'The read models did not catch up (to minPosition, else to the log’s head) within LEDGER_READ_TIMEOUT_MS (`read-timeout`), or the store does not answer (`unavailable`)',
};

/** What `?minPosition=` can answer: a bad or future position, or read models that do not catch up in time. */
export const MIN_POSITION_PROBLEMS = {
  400: 'minPosition is not a whole number, or beyond the log’s head (`validation`)',
  ...READ_TIMEOUT_PROBLEM,
};

/**
 * A read: open to anyone while LEDGER_PUBLIC_READ is true (the default), a token of any role
 * otherwise; a token sent to a public read is not checked.
 */
export const ApiReadAccess = () =>
  applyDecorators(
    ApiSecurity({}),
    ApiBearerAuth(),
    ApiProblems({ 401: 'Only while reads are private (LEDGER_PUBLIC_READ=false): no bearer token, or a malformed, unknown or revoked one (`unauthorized`)' }),
  );

/** Open to anyone, always; a token is not needed (GET /health shows more to one while reads are private). */
export const ApiPublicAccess = (tokenShowsMore = false) => (tokenShowsMore ? applyDecorators(ApiSecurity({}), ApiBearerAuth()) : ApiSecurity({}));
