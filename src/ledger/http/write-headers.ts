import { applyDecorators } from '@nestjs/common';
import { ApiConflictResponse, ApiHeader, ApiResponse } from '@nestjs/swagger';

/** The headers and error answers every write route shares, for the API docs. */
export const WRITE_HEADERS = () =>
  applyDecorators(
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Send the same key to retry safely: the same body gets the first answer; another body gets 422' }),
    ApiHeader({ name: 'If-Match', required: false, description: 'The ETag (revision) you read; a stale one answers 409' }),
    ApiHeader({ name: 'X-Correlation-Id', required: false }),
    ApiConflictResponse({ description: 'Stale If-Match, or other writers kept winning' }),
    ApiResponse({ status: 400, description: 'Invalid body (problem+json naming each field)' }),
    ApiResponse({ status: 404, description: 'Unknown id in the path' }),
    ApiResponse({ status: 413, description: 'Body larger than LEDGER_BODY_LIMIT' }),
    ApiResponse({ status: 422, description: 'A rule of the ledger refused it (problem+json naming the field)' }),
  );
