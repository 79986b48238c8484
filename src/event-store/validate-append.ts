import { InvalidAppendError } from './event-store.errors';
import type { ExpectedRevision, NewEvent } from './event-store.port';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The rules of the port that both adapters enforce before touching storage. */
export function validateAppend(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): void {
  if (typeof stream !== 'string' || stream.length === 0) {
    throw new InvalidAppendError('stream: must be a non-empty string');
  }
  if (stream.startsWith('$')) {
    throw new InvalidAppendError(`stream: "${stream}" is reserved for the store's own streams`);
  }
  if (typeof expected === 'bigint' && expected < 0n) {
    throw new InvalidAppendError('expectedRevision: a revision is 0 or more');
  }
  const seen = new Set<string>();
  events.forEach((event, index) => {
    if (!UUID.test(event.id)) throw new InvalidAppendError(`events[${index}].id: must be a UUID`);
    if (seen.has(event.id.toLowerCase())) {
      throw new InvalidAppendError(`events[${index}].id: ${event.id} appears twice in one append`);
    }
    seen.add(event.id.toLowerCase());
    if (typeof event.type !== 'string' || event.type.length === 0) {
      throw new InvalidAppendError(`events[${index}].type: must be a non-empty string`);
    }
    if (event.recordedAt !== undefined && !(event.recordedAt instanceof Date && Number.isFinite(event.recordedAt.getTime()))) {
      throw new InvalidAppendError(`events[${index}].recordedAt: must be a valid date`);
    }
  });
}
