import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiHeader, ApiResponse } from '@nestjs/swagger';
import { RATE_LIMIT_PROBLEM } from '../../http/openapi/problem-responses';

/**
 * The headers and error answers every write route shares, for the API docs (each is problem details:
 * swagger.ts gives error answers the problem schema). A route with an id in its path adds its 404.
 */
export const WRITE_HEADERS = () =>
  applyDecorators(
    ApiBearerAuth(),
    ApiResponse({ status: 401, description: 'No, a malformed, an unknown or a revoked bearer token (`unauthorized`)' }),
    ApiResponse({ status: 403, description: 'The principal’s role does not allow it (`forbidden`), or the claim or evidence is someone else’s (`not-owner`)' }),
    ApiResponse({ status: 429, description: RATE_LIMIT_PROBLEM[429] }),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Send the same key to retry safely: the same body gets the first answer; another body gets 422' }),
    ApiHeader({ name: 'If-Match', required: false, description: 'The ETag (revision) you read; a stale one answers 409' }),
    ApiHeader({ name: 'X-Correlation-Id', required: false, description: 'Ties the events of related requests together (default: the command’s id); kept in each event’s metadata' }),
    ApiHeader({ name: 'X-Causation-Id', required: false, description: 'The command or event that caused this one (default: the command’s id); kept in each event’s metadata' }),
    ApiConflictResponse({ description: 'Stale If-Match, or other writers kept winning (`conflict`); the stored history fails verification (`integrity`)' }),
    ApiResponse({ status: 400, description: 'Invalid body, or an Idempotency-Key, If-Match or X-Correlation-Id header that is not well formed (`validation`, naming each field); a body that is not JSON or not UTF-8 (`malformed-json`, `invalid-utf8`, `invalid-text`, `too-deep`)' }),
    ApiResponse({ status: 413, description: 'Body larger than LEDGER_BODY_LIMIT (`too-large`)' }),
    ApiResponse({ status: 415, description: 'A body that is not application/json in UTF-8 (`unsupported-media-type`)' }),
    ApiResponse({ status: 422, description: 'A rule of the ledger refused it (the type and `code` name the rule, `errors` the field), or the Idempotency-Key was used with another request (`idempotency-key-reused`)' }),
  );
