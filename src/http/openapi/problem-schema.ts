import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { PROBLEM_TYPES_PATH } from './problem-types';

/**
 * RFC 9457 problem details as the API sends them (problem-details.ts): the five members every problem
 * has, and the extension members some types add, each named with the types that send it.
 */
export const PROBLEM_DETAILS_SCHEMA: SchemaObject = {
  type: 'object',
  description: `An error, as RFC 9457 problem details (application/problem+json). Each \`type\` links to a page describing it; ${PROBLEM_TYPES_PATH} lists them all.`,
  required: ['type', 'title', 'status', 'detail', 'errors'],
  properties: {
    type: { type: 'string', format: 'uri-reference', description: `The problem type: \`${PROBLEM_TYPES_PATH}/<slug>\`, a page describing it. Stable: branch on it.`, example: `${PROBLEM_TYPES_PATH}/validation` },
    title: { type: 'string', description: 'The HTTP status’s reason phrase', example: 'Bad Request' },
    status: { type: 'integer', minimum: 400, maximum: 599, example: 400 },
    detail: { type: 'string', description: 'What went wrong with this request, for a person', example: 'Invalid request: text' },
    errors: {
      type: 'array',
      description: 'One entry per field, parameter or header at fault (empty when the problem is not about a field)',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: {
          field: { type: 'string', description: 'The body field (dotted path, `[i]` for items), parameter or header', example: 'provenance.occurredAt' },
          message: { type: 'string', example: 'must be a date, or a date and time with a zone' },
        },
      },
    },
    code: { type: 'string', description: 'A rule of the ledger refused the request (422, or 403 `not-owner`): the rule, the same as the type’s slug', example: 'claim-retracted' },
    entity: { type: 'string', description: '`not-found`: what kind of thing was not found', example: 'question' },
    id: { type: 'string', description: '`not-found`: the id that was not found' },
    expectedRevision: { type: 'string', nullable: true, description: '`conflict`: the revision the request expected (If-Match)' },
    actualRevision: { type: 'string', nullable: true, description: '`conflict`: the revision the resource has' },
    stream: { type: 'string', description: '`integrity`: the stream whose history fails verification' },
    position: { type: 'string', nullable: true, description: '`integrity`: the position of the first bad event; `read-timeout`: where the read models are' },
    eventId: { type: 'string', description: '`integrity`: the id of the first bad event' },
    wantedPosition: { type: 'string', description: '`read-timeout`: the position the read waited for' },
  },
  additionalProperties: true,
};
