import { EventStoreUnavailableError } from '../../event-store/event-store.errors';
import { ReadTimeoutError } from '../../projection-runtime/projection-runner';
import { problem, type ProblemDetails } from '../../http/problem-details';
import { BrokenStreamError, IdempotencyKeyReusedError, InvalidCommandError, WriteConflictError } from '../application/write-errors';
import { DomainRuleError, NotFoundError } from '../domain-error';

/** How the ledger's errors read over HTTP; undefined for errors that are not the ledger's. */
export function ledgerProblem(error: unknown): ProblemDetails | undefined {
  if (error instanceof InvalidCommandError) {
    return problem(400, 'validation', `Invalid request: ${error.field}`, [{ field: error.field, message: error.message }]);
  }
  if (error instanceof DomainRuleError) {
    // Changing someone else's claim or evidence is a matter of permission, not of the request's content.
    const status = error.code === 'not-owner' ? 403 : 422;
    return problem(status, error.code, error.message, error.field ? [{ field: error.field, message: error.message }] : [], { code: error.code });
  }
  if (error instanceof NotFoundError) {
    return problem(404, 'not-found', error.message, [], { entity: error.entity, id: error.id });
  }
  if (error instanceof WriteConflictError) {
    return problem(409, 'conflict', error.message, [], {
      expectedRevision: error.expected?.toString() ?? null,
      actualRevision: error.actual?.toString() ?? null,
    });
  }
  if (error instanceof BrokenStreamError) {
    return problem(409, 'integrity', error.message, [], { stream: error.stream, position: error.position.toString(), eventId: error.eventId });
  }
  if (error instanceof IdempotencyKeyReusedError) {
    return problem(422, 'idempotency-key-reused', error.message, [{ field: 'Idempotency-Key', message: error.message }]);
  }
  if (error instanceof ReadTimeoutError) {
    return problem(503, 'read-timeout', error.message, [], { wantedPosition: error.wanted.toString(), position: error.reached?.toString() ?? null });
  }
  if (error instanceof EventStoreUnavailableError) {
    return problem(503, 'unavailable', 'The event store is not answering; try again shortly');
  }
  return undefined;
}
