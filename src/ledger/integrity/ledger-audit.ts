import type { CorruptEventError } from '../../event-store/event-store.errors';
import type { JsonObject } from '../../../contract/json';
import { storedJsonOf, type RecordedEvent } from '../../event-store/event-store.port';
import { eventHash, GENESIS_HASH, HASH_VERSIONS, hashVersionOf, storedContentHash } from '../provenance/hash-chain';
import { leafDigest, MerkleLog, type MerkleLogSnapshot } from './merkle';

/** Where a stream's hash chain ends, as far as the log has been read. */
export interface StreamHead {
  revision: bigint;
  hash: string;
  /** The hash formula of its last event: a later event may not fall back to an older one. */
  version: number;
  position: bigint;
}

/** An event that failed verification, named by its place in the log. */
export interface IntegrityBreak {
  position: string;
  stream: string;
  revision: string;
  /** The event, when the break is one event (not a stream whose head differs from what was read before). */
  eventId?: string;
  problem: string;
}

/** A stream with a broken event: it and every later event of the stream are refused. */
export interface BrokenStream extends IntegrityBreak {
  /** How many later events of the stream were refused because they follow the broken one. */
  refusedAfter: number;
}

export type Admission = { ok: true } | { ok: false; break: IntegrityBreak; first: boolean };

export interface LedgerAuditSnapshot {
  keepsRecordedAt: boolean;
  heads: Map<string, StreamHead>;
  broken: Map<string, BrokenStream>;
  tree: MerkleLogSnapshot;
}

const ADMITTED: Admission = Object.freeze({ ok: true });

/** An instant as the ledger writes it (ISO 8601, UTC, milliseconds), or "invalid" for a stored value that names none. */
export function isoOf(date: Date): string {
  return Number.isFinite(date.getTime()) ? date.toISOString() : 'invalid';
}

/**
 * The recorded time of an event as its leaf names it: the ISO form of the instant the store gives
 * (`isoOf`), or, where the store hands back the text it keeps and that text is exactly the
 * `recordedAt` sealed into the event's metadata, that text (the same string, for every event the
 * writer sealed, without converting the instant back).
 */
export function recordedAtOf(event: Pick<RecordedEvent, 'recordedAt' | 'metadata'>): string {
  const stored = storedJsonOf(event as RecordedEvent)?.recordedAt;
  return stored !== undefined && stored === event.metadata.recordedAt ? stored : isoOf(event.recordedAt);
}

/**
 * The data of an event's leaf in the ledger-wide tree: its position, id, recorded time and hash,
 * one per line. The leaf covers what the event's own hash cannot: where the event sits in the
 * global log, and (on EventStoreDB, and for events sealed under hash version 1) the time the store
 * recorded it at.
 */
export function leafDataOf(event: Pick<RecordedEvent, 'position' | 'id' | 'recordedAt' | 'metadata'>, recordedAt = recordedAtOf(event)): string {
  const hash = typeof event.metadata.hash === 'string' ? event.metadata.hash : '';
  return `${event.position}\n${event.id}\n${recordedAt}\n${hash}`;
}

/**
 * Verifies the log as it is read, one event at a time in position order, at the cost of one event
 * hash and one leaf hash per event: every stream's hash chain (no event may lack a hash, skip a
 * revision, fall back to an older hash formula or, under version 2, be recorded at another time than
 * the one sealed into its hash), and the ledger-wide Merkle tree whose signed roots are the
 * ledger's checkpoints. Shared by the projection runner (which refuses what fails) and `claims
 * verify`, so both judge the log alike.
 */
export class LedgerAudit {
  readonly heads: Map<string, StreamHead>;
  readonly broken: Map<string, BrokenStream>;
  readonly tree: MerkleLog;

  constructor(
    /** Whether the store records events at the writer's time (see EventStore.keepsRecordedAt). */
    readonly keepsRecordedAt: boolean,
    snapshot?: LedgerAuditSnapshot,
  ) {
    this.heads = snapshot ? new Map(snapshot.heads) : new Map();
    this.broken = snapshot ? new Map(snapshot.broken) : new Map();
    this.tree = snapshot ? MerkleLog.fromSnapshot(snapshot.tree) : new MerkleLog();
  }

  /** Checks the next event of the log and adds it to the tree; whether it may be honoured. */
  admit(event: RecordedEvent): Admission {
    const recordedAt = recordedAtOf(event);
    this.tree.append(leafDigest(leafDataOf(event, recordedAt)), event.position);
    const stream = event.stream;
    const quarantined = this.broken.get(stream);
    if (quarantined) {
      quarantined.refusedAfter++;
      const problem = `it follows the broken event at position ${quarantined.position} of its stream`;
      return { ok: false, first: false, break: describe(event, problem) };
    }
    const head = this.heads.get(stream);
    const problem = chainProblem(event, head, this.keepsRecordedAt, recordedAt);
    if (problem !== undefined) {
      const broken = describe(event, problem);
      this.broken.set(stream, { ...broken, refusedAfter: 0 });
      return { ok: false, first: true, break: broken };
    }
    const hash = event.metadata.hash as string;
    const version = hashVersionOf(event.metadata) as number;
    if (head) {
      head.revision = event.revision;
      head.hash = hash;
      head.version = version;
      head.position = event.position;
    } else {
      this.heads.set(stream, { revision: event.revision, hash, version, position: event.position });
    }
    return ADMITTED;
  }

  /** An event the store could not decode: a leaf all the same (so the tree counts it), and a break. */
  admitUnreadable(error: CorruptEventError): Admission {
    const position = BigInt(error.position);
    this.tree.append(leafDigest(`${position}\n${error.eventId}\n\n`), position);
    const broken = { position: error.position, stream: error.stream, revision: error.revision, eventId: error.eventId, problem: `the stored event cannot be read: ${error.message}` };
    const quarantined = this.broken.get(error.stream);
    if (quarantined) {
      quarantined.refusedAfter++;
      return { ok: false, first: false, break: broken };
    }
    this.broken.set(error.stream, { ...broken, refusedAfter: 0 });
    return { ok: false, first: true, break: broken };
  }

  /** Every stream's head as a checkpoint records it: stream → [revision, position, hash], sorted by stream. */
  streamHeads(): Record<string, [string, string, string]> {
    const streams = [...this.heads.keys()].sort();
    const heads: Record<string, [string, string, string]> = {};
    for (const stream of streams) {
      const head = this.heads.get(stream)!;
      heads[stream] = [head.revision.toString(), head.position.toString(), head.hash];
    }
    return heads;
  }

  /** The breaks found, in log order. */
  breaks(): BrokenStream[] {
    return [...this.broken.values()].sort((a, b) => (BigInt(a.position) < BigInt(b.position) ? -1 : 1));
  }

  toSnapshot(): LedgerAuditSnapshot {
    const heads = new Map<string, StreamHead>();
    for (const [stream, head] of this.heads) heads.set(stream, { ...head });
    const broken = new Map<string, BrokenStream>();
    for (const [stream, b] of this.broken) broken.set(stream, { ...b });
    return { keepsRecordedAt: this.keepsRecordedAt, heads, broken, tree: this.tree.toSnapshot() };
  }
}

function describe(event: RecordedEvent, problem: string): IntegrityBreak {
  return { position: event.position.toString(), stream: event.stream, revision: event.revision.toString(), eventId: event.id, problem };
}

/**
 * What is wrong with the next event of a stream whose chain ends at `head` (undefined: the stream's
 * first event), or undefined when it links on: it has a hash and a prevHash, comes at the next
 * revision, chains to the head's hash, uses no older formula than the head, under version 2 is
 * recorded at the time sealed into it (where the store keeps the writer's time), and hashes to its
 * hash. One event hash, no other read.
 */
export function chainProblem(
  event: RecordedEvent,
  head: Pick<StreamHead, 'revision' | 'hash' | 'version'> | undefined,
  keepsRecordedAt: boolean,
  recordedAt?: string,
): string | undefined {
  const metadata: JsonObject = event.metadata;
  const hash = metadata.hash;
  if (typeof hash !== 'string') return 'the event has no hash: every event of the ledger is sealed, and one without is not honoured';
  if (hash.length !== 64) return 'its hash is not a SHA-256 digest';
  if (typeof metadata.prevHash !== 'string') return 'the event has no prevHash: it is chained to nothing';
  const version = hashVersionOf(metadata);
  if (!HASH_VERSIONS.includes(version as number)) return `hashVersion ${JSON.stringify(version)} is not a formula this ledger knows`;
  const expected = head ? head.revision + 1n : 0n;
  if (event.revision !== expected) {
    return event.revision > expected
      ? `revision ${expected}${event.revision - expected > 1n ? ` to ${event.revision - 1n}` : ''} of the stream is missing before it: events were deleted`
      : `revision ${event.revision} comes again after revision ${expected - 1n}`;
  }
  if (metadata.prevHash !== (head?.hash ?? GENESIS_HASH)) return 'prevHash does not match the previous event: an event before it was changed, deleted or replaced';
  if (head && (version as number) < head.version) {
    return `it is sealed with hash version ${version} after version ${head.version} in its stream: an older formula, which covers less`;
  }
  if ((version as number) >= 2) {
    if (typeof metadata.recordedAt !== 'string') return 'the event has no recordedAt: hash version 2 seals the time it is recorded at';
    if (keepsRecordedAt) {
      const stored = recordedAt ?? recordedAtOf(event);
      if (stored !== metadata.recordedAt) return `its recorded_at (${stored}) is not the time sealed into its hash (${metadata.recordedAt}): the stored time was changed`;
    }
  }
  // The JSON text the store read the event from, when it is what the writer sealed, hashes without
  // building the canonical JSON again; anything else is decided the full way.
  const stored = (version as number) >= 2 ? storedJsonOf(event) : undefined;
  if (stored && storedContentHash(event, stored) === hash) return undefined;
  if (eventHash(event, metadata.prevHash) !== hash) return 'hash does not match the content: the event was changed';
  return undefined;
}
