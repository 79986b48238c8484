import { EventStoreUnavailableError } from '../../event-store/event-store.errors';
import { DomainRuleError, NotFoundError } from '../domain-error';

/** The stream moved on: the client's If-Match is stale, or retries ran out against other writers. */
export class WriteConflictError extends Error {
  override readonly name = 'WriteConflictError';

  constructor(
    readonly stream: string,
    readonly expected: bigint | null,
    readonly actual: bigint | null,
    reason: string,
  ) {
    super(reason);
  }
}

/** An idempotency key was used again with a different request. */
export class IdempotencyKeyReusedError extends Error {
  override readonly name = 'IdempotencyKeyReusedError';

  constructor() {
    super('This Idempotency-Key was already used with a different request');
  }
}

/**
 * Something about one command cannot be written as it is (a date that names no instant, say): that
 * command alone is refused, before it joins a batch. The API answers 400, naming the field.
 */
export class InvalidCommandError extends Error {
  override readonly name = 'InvalidCommandError';

  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A stream the writer loaded has an event that fails verification (edited, stripped of its hash,
 * deleted from under the next one): nothing is decided or written on top of it. The API answers 409.
 */
export class BrokenStreamError extends Error {
  override readonly name = 'BrokenStreamError';

  constructor(
    readonly stream: string,
    readonly position: bigint,
    readonly eventId: string,
    readonly problem: string,
  ) {
    super(`The stored history of ${stream} fails verification at position ${position} (event ${eventId}): ${problem}; nothing is written on top of it`);
  }
}

/*
 * The one place where what goes wrong during a write becomes one of the errors above (or a
 * DomainRuleError), which src/ledger/http/ledger-problems.ts reads as HTTP problems. A failure of
 * the store itself is never mapped: it stays what it is (EventStoreUnavailableError: 503).
 */

/** The revision named in If-Match is not the stream's. */
export function staleRevision(stream: string, expected: bigint, actual: bigint | null): WriteConflictError {
  return new WriteConflictError(stream, expected, actual, 'The resource has changed since the revision named in If-Match');
}

/** Other processes kept appending to the stream for every attempt. */
export function retriesExhausted(stream: string, expected: bigint | null, actual: bigint | null, attempts: number): WriteConflictError {
  return new WriteConflictError(stream, expected, actual, `Other writers kept changing the resource; gave up after ${attempts} attempts`);
}

/** The command's provenance cannot be turned into metadata and hashed. */
export function invalidProvenance(error: unknown): InvalidCommandError {
  if (error instanceof InvalidCommandError) return error;
  return new InvalidCommandError('provenance', `provenance: ${(error as Error)?.message ?? String(error)}`);
}

/** A command names a source that is not registered. */
export function unknownSource(sourceId: string, field: string): DomainRuleError {
  return new DomainRuleError('unknown-source', `Source ${sourceId} is not registered`, field);
}

/**
 * Looks up what a command refers to (a claim, say); when it is not found, the command is refused
 * (422 `code`, naming `field`) as breaking a rule. Anything else (the store or the views failing to
 * answer, a read timing out) is passed on as it is, so that an outage stays a 5xx.
 */
export async function referenceTo<T>(lookup: Promise<T>, code: string, message: string, field: string): Promise<T> {
  try {
    return await lookup;
  } catch (error) {
    if (error instanceof NotFoundError) throw new DomainRuleError(code, message, field);
    throw error;
  }
}

/**
 * Failures of the store itself, shared by every command of a batch: tried alone, each would fail
 * the same way, so the batch is not split to find a culprit.
 */
export function isStoreFailure(error: unknown): boolean {
  if (error instanceof EventStoreUnavailableError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(FULL|IOERR|BUSY|LOCKED|READONLY|CORRUPT|NOTADB|CANTOPEN|PERM|NOMEM|PROTOCOL|AUTH)/.test(code);
}
