import type { ExpectedRevision } from './event-store.port';

/** The stream was not where the writer expected it: someone else wrote first, or it does not exist. */
export class WrongExpectedRevisionError extends Error {
  override readonly name = 'WrongExpectedRevisionError';

  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    /** The stream's current revision, or 'no_stream' when it has no events. */
    readonly actual: bigint | 'no_stream',
  ) {
    super(
      `Stream "${stream}" expected at revision ${String(expected)} but is at ${String(actual)}`,
    );
  }
}

/**
 * An event id is already stored somewhere other than as a retry of the same append. Event ids are
 * unique across the whole store.
 */
export class DuplicateEventIdError extends Error {
  override readonly name = 'DuplicateEventIdError';

  constructor(
    readonly stream: string,
    readonly eventId: string,
  ) {
    super(`Event id ${eventId} is already stored and this append to "${stream}" is not a retry of it`);
  }
}

/** The store cannot be reached or has failed; the operation may be retried later. */
export class EventStoreUnavailableError extends Error {
  override readonly name = 'EventStoreUnavailableError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The caller broke the port's rules (an empty stream name, a bad event id): nothing was written. */
export class InvalidAppendError extends Error {
  override readonly name = 'InvalidAppendError';
}

/** A stored event cannot be decoded (its bytes were damaged or edited): it is named, not skipped. */
export class CorruptEventError extends Error {
  override readonly name = 'CorruptEventError';

  constructor(
    readonly stream: string,
    readonly revision: string,
    readonly eventId: string,
    readonly position: string,
    reason: string,
  ) {
    super(`event ${eventId} (stream ${stream}, revision ${revision}, position ${position}) is damaged: ${reason}`);
  }
}
