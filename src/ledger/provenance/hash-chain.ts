import { hash } from 'node:crypto';
import type { JsonObject } from '../../../contract/json';
import { canonicalJson, canonicalObject } from './canonical-json';

/** The `prevHash` of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The formula new events are sealed with, kept in `metadata.hashVersion` (absent: version 1).
 *
 * - **Version 1** (every event sealed before hash versions existed): SHA-256 over
 *   `prevHash + "\n" + canonical JSON of { id, type, stream, revision, data, metadata without hash }`.
 *   It does not cover the stored `recorded_at` (the store chose it after the hash was made, so it
 *   differs from `metadata.recordedAt` by the time the append took) nor the global `position`.
 * - **Version 2**: SHA-256 over `"claims-ledger/event/v2\n" + prevHash + "\n" + canonical JSON of the
 *   same object`, whose metadata now holds `hashVersion: 2`, and the store's `recorded_at` is the
 *   writer's `metadata.recordedAt` exactly (the writer gives the store that time with the event), so
 *   the hash covers every stored value but `position`, which the ledger-wide Merkle tree covers
 *   (its leaves name each event's position; src/ledger/integrity/merkle.ts).
 */
export const CURRENT_HASH_VERSION = 2;
export const HASH_VERSIONS: readonly number[] = [1, 2];
const V2_PREFIX = 'claims-ledger/event/v2\n';

export interface HashedContent {
  id: string;
  type: string;
  stream: string;
  revision: bigint;
  data: JsonObject;
  /** The event's metadata without `hash` (but with `prevHash`, which chains it to the one before). */
  metadata: JsonObject;
}

/** The formula an event says it was sealed with: `metadata.hashVersion`, 1 when absent. */
export function hashVersionOf(metadata: JsonObject): unknown {
  return metadata.hashVersion === undefined ? 1 : metadata.hashVersion;
}

/**
 * SHA-256 over the canonical JSON of the event and the previous event's hash in the same stream,
 * under the formula its metadata names (`hashVersion`, see CURRENT_HASH_VERSION). Editing,
 * deleting or reordering any stored event breaks every hash after it. Throws on an unknown version.
 */
export function eventHash(content: HashedContent, prevHash: string): string {
  const version = hashVersionOf(content.metadata);
  if (version === 1) return hash('sha256', `${prevHash}\n${canonicalContent(content)}`, 'hex');
  if (version === 2) return hash('sha256', `${V2_PREFIX}${prevHash}\n${canonicalContent(content)}`, 'hex');
  throw new Error(`hashVersion ${JSON.stringify(version)} is not a formula this ledger knows (it knows ${HASH_VERSIONS.join(', ')})`);
}

/** The canonical JSON of { id, type, stream, revision, data, metadata without hash }. */
function canonicalContent(content: HashedContent): string {
  const { id, type, stream, data, metadata } = content;
  const revision = content.revision.toString();
  // Its keys in sorted order, written out directly rather than through copies of the event and its metadata.
  const plain = typeof metadata === 'object' && metadata !== null && !Array.isArray(metadata);
  return plain && id !== undefined && type !== undefined && stream !== undefined && data !== undefined
    ? `{"data":${canonicalJson(data)},"id":${canonicalJson(id)},"metadata":${canonicalObject(metadata, 'hash')},` +
        `"revision":${canonicalJson(revision)},"stream":${canonicalJson(stream)},"type":${canonicalJson(type)}}`
    : canonicalJson({ id, type, stream, revision, data, metadata: withoutHash(metadata) });
}

function withoutHash(metadata: JsonObject): JsonObject {
  const { hash: _ignored, ...rest } = metadata;
  return rest;
}

/** An event sealed: its hash, and the canonical JSON text of its data and metadata (with `hash` last). */
export interface Sealed {
  hash: string;
  json: { data: string; metadata: string };
}

/**
 * Seals an event under the current formula: adds `hashVersion`, `prevHash` and `hash` to the
 * metadata given (which must hold `recordedAt`, the time the store is to record it at). Gives the
 * hash (the next event's `prevHash`) and the JSON text to store: the canonical JSON that was hashed,
 * `hash` added as the metadata's last member. Stored as it is, it lets a reader check the hash
 * without building the canonical JSON again (`storedContent`).
 */
export function seal(content: HashedContent, prevHash: string): Sealed {
  const metadata = content.metadata;
  metadata.hashVersion = CURRENT_HASH_VERSION;
  metadata.prevHash = prevHash;
  delete metadata.hash;
  const data = canonicalJson(content.data);
  const withoutHash = canonicalObject(metadata);
  const hashed = `{"data":${data},"id":${canonicalJson(content.id)},"metadata":${withoutHash},"revision":${canonicalJson(content.revision.toString())},"stream":${canonicalJson(content.stream)},"type":${canonicalJson(content.type)}}`;
  const digest = hash('sha256', `${V2_PREFIX}${prevHash}\n${hashed}`, 'hex');
  metadata.hash = digest;
  const stored = withoutHash === '{}' ? `{"hash":"${digest}"}` : `${withoutHash.slice(0, -1)},"hash":"${digest}"}`;
  return { hash: digest, json: { data, metadata: stored } };
}

/** `seal`, for callers that want only the hash. */
export function sealEvent(content: HashedContent, prevHash: string): string {
  return seal(content, prevHash).hash;
}

/**
 * The hash of a version 2 event computed from the JSON text it was stored as, when that text is
 * what `seal` gave (canonical, `hash` last): no canonical JSON is built again. Undefined when the
 * text is not of that shape. Equal to the stored hash only if the text is exactly what was sealed
 * (SHA-256 is collision resistant): then the data and metadata parsed from it are the event's own.
 * Any other answer means only that the slow way (`eventHash`) must decide.
 */
export function storedContentHash(event: Omit<HashedContent, 'data' | 'metadata'> & { metadata: JsonObject }, stored: { data: string; metadata: string }): string | undefined {
  const { hash: sealed, prevHash } = event.metadata;
  if (typeof sealed !== 'string' || typeof prevHash !== 'string') return undefined;
  const suffix = `,"hash":"${sealed}"}`;
  if (!stored.metadata.endsWith(suffix)) return undefined;
  const withoutHash = `${stored.metadata.slice(0, -suffix.length)}}`;
  const hashed = `{"data":${stored.data},"id":${JSON.stringify(event.id)},"metadata":${withoutHash},"revision":"${event.revision}","stream":${JSON.stringify(event.stream)},"type":${JSON.stringify(event.type)}}`;
  return hash('sha256', `${V2_PREFIX}${prevHash}\n${hashed}`, 'hex');
}
