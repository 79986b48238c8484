import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiHeader, ApiResponse } from '@nestjs/swagger';

/** The headers and error answers every write route shares, for the API docs. */
export const WRITE_HEADERS = () =>
  applyDecorators(
    ApiBearerAuth(),
    ApiResponse({ status: 401, description: 'No, a malformed, an unknown or a revoked bearer token' }),
    ApiResponse({ status: 403, description: 'The principal’s role does not allow it' }),
    ApiResponse({ status: 429, description: 'Over LEDGER_RATE_LIMIT_WRITES_PER_MINUTE; see Retry-After' }),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Send the same key to retry safely: the same body gets the first answer; another body gets 422' }),
    ApiHeader({ name: 'If-Match', required: false, description: 'The ETag (revision) you read; a stale one answers 409' }),
    ApiHeader({ name: 'X-Correlation-Id', required: false }),
    ApiConflictResponse({ description: 'Stale If-Match, or other writers kept winning' }),
    ApiResponse({ status: 400, description: 'Invalid body (problem+json naming each field)' }),
    ApiResponse({ status: 404, description: 'Unknown id in the path' }),
    ApiResponse({ status: 413, description: 'Body larger than LEDGER_BODY_LIMIT' }),
    ApiResponse({ status: 422, description: 'A rule of the ledger refused it (problem+json naming the field)' }),
  );
