import { hash } from 'node:crypto';
import type { JsonObject } from '../../event-store/event-store.port';
import { canonicalJson, canonicalObject } from './canonical-json';

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
  const { id, type, stream, data, metadata } = content;
  const revision = content.revision.toString();
  // The canonical JSON of { id, type, stream, revision, data, metadata without hash }, its keys in
  // sorted order, written out directly rather than through copies of the event and its metadata.
  const plain = typeof metadata === 'object' && metadata !== null && !Array.isArray(metadata);
  const canonical =
    plain && id !== undefined && type !== undefined && stream !== undefined && data !== undefined
      ? `{"data":${canonicalJson(data)},"id":${canonicalJson(id)},"metadata":${canonicalObject(metadata, 'hash')},` +
        `"revision":${canonicalJson(revision)},"stream":${canonicalJson(stream)},"type":${canonicalJson(type)}}`
      : canonicalJson({ id, type, stream, revision, data, metadata: withoutHash(metadata) });
  return hash('sha256', `${prevHash}\n${canonical}`, 'hex');
}

function withoutHash(metadata: JsonObject): JsonObject {
  const { hash: _ignored, ...rest } = metadata;
  return rest;
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
