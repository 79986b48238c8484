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
