import { createHash } from 'node:crypto';
import type { JsonObject } from '../../event-store/event-store.port';
import { canonicalJson } from './canonical-json';

/** The `prevHash` of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

export interface HashedContent {
  id: string;
  type: string;
  stream: string;
  revision: bigint;
  data: JsonObject;
  /** The event's metadata without `hash` (but with `prevHash`, which chains it to the one before). */
  metadata: JsonObject;
}

/**
 * SHA-256 over the canonical JSON of the event and the previous event's hash in the same stream.
 * Editing, deleting or reordering any stored event breaks every hash after it.
 */
export function eventHash(content: HashedContent, prevHash: string): string {
  const { hash: _ignored, ...metadata } = content.metadata;
  const canonical = canonicalJson({
    id: content.id,
    type: content.type,
    stream: content.stream,
    revision: content.revision.toString(),
    data: content.data,
    metadata,
  });
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

export interface ChainBreak {
  revision: bigint;
  eventId: string;
  problem: 'prevHash does not match the previous event' | 'hash does not match the content';
}

/** Checks a stream's events, in revision order, and reports the first break, if any. */
export function verifyChain(events: Iterable<HashedContent>): ChainBreak | null {
  let previous = GENESIS_HASH;
  for (const event of events) {
    if (event.metadata.prevHash !== previous) {
      return { revision: event.revision, eventId: event.id, problem: 'prevHash does not match the previous event' };
    }
    const expected = eventHash(event, previous);
    if (event.metadata.hash !== expected) {
      return { revision: event.revision, eventId: event.id, problem: 'hash does not match the content' };
    }
    previous = expected;
  }
  return null;
}
