import { hash, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from '../provenance/canonical-json';
import type { LedgerAudit } from './ledger-audit';
import type { LedgerKey } from './signing-key';

export const CHECKPOINT_FORMAT = 'claims-ledger-checkpoint/1';

/** Every stream's head at the checkpoint: stream → [revision, position, hash] of its last event. */
export type StreamHeads = Record<string, [revision: string, position: string, hash: string]>;

/**
 * A signed tree head (as Certificate Transparency's, RFC 6962 §3.5): the ledger's Merkle tree over
 * the first `treeSize` events of the log, in position order, signed with the ledger's Ed25519 key.
 * `streams` (optional) lists every stream's head; `streamsDigest`, which the signature covers, is
 * the SHA-256 of its canonical JSON, so a verifier can name a deleted or rewritten stream.
 */
export interface Checkpoint {
  format: typeof CHECKPOINT_FORMAT;
  treeSize: number;
  /** MTH of the first treeSize leaves, hex. */
  rootHash: string;
  /** The position of the last event in the tree (null for an empty log). */
  lastPosition: string | null;
  streamsDigest: string;
  /** When it was signed (ISO 8601, UTC). */
  timestamp: string;
  keyId: string;
  /** Ed25519 over `checkpointSignedText(checkpoint)`, base64. */
  signature: string;
  streams?: StreamHeads;
}

/** The bytes a checkpoint's signature is over: one field a line, in this order, each line ending in "\n". */
export function checkpointSignedText(c: Omit<Checkpoint, 'signature' | 'streams'>): string {
  return (
    `${CHECKPOINT_FORMAT}\n` +
    `size ${c.treeSize}\n` +
    `root ${c.rootHash}\n` +
    `position ${c.lastPosition ?? '-'}\n` +
    `streams ${c.streamsDigest}\n` +
    `time ${c.timestamp}\n` +
    `key ${c.keyId}\n`
  );
}

export function streamsDigestOf(streams: StreamHeads): string {
  return hash('sha256', canonicalJson(streams), 'hex');
}

/** Signs the audit's current head. */
export function signCheckpoint(audit: LedgerAudit, key: LedgerKey, options: { streams?: boolean; now?: Date } = {}): Checkpoint {
  const streams = audit.streamHeads();
  const body = {
    format: CHECKPOINT_FORMAT,
    treeSize: audit.tree.size,
    rootHash: audit.tree.root().toString('hex'),
    lastPosition: audit.tree.lastPosition === null ? null : audit.tree.lastPosition.toString(),
    streamsDigest: streamsDigestOf(streams),
    timestamp: (options.now ?? new Date()).toISOString(),
    keyId: key.keyId,
  } as const;
  const signature = sign(null, Buffer.from(checkpointSignedText(body), 'utf8'), key.privateKey).toString('base64');
  return { ...body, signature, ...(options.streams === false ? {} : { streams }) };
}

/** What is wrong with a checkpoint's signature, or undefined when `publicKey` signed exactly these fields. */
export function signatureProblem(checkpoint: Checkpoint, publicKey: KeyObject, keyId: string): string | undefined {
  if (checkpoint.keyId !== keyId) {
    return `it is signed by key ${checkpoint.keyId}, not by the ledger's key ${keyId}`;
  }
  const valid = verify(null, Buffer.from(checkpointSignedText(checkpoint), 'utf8'), publicKey, Buffer.from(checkpoint.signature, 'base64'));
  if (!valid) return `its signature does not verify with the ledger's key ${keyId}: the checkpoint was altered or forged`;
  if (checkpoint.streams && streamsDigestOf(checkpoint.streams) !== checkpoint.streamsDigest) {
    return 'its list of stream heads does not match the signed digest: the list was altered';
  }
  return undefined;
}

/** Reads a checkpoint from JSON text, checking its shape; throws naming the first field that is wrong. */
export function parseCheckpoint(text: string): Checkpoint {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`not JSON: ${(error as Error).message}`);
  }
  const c = value as Record<string, unknown>;
  const fail = (field: string, what: string): never => {
    throw new Error(`${field}: must be ${what}`);
  };
  if (typeof c !== 'object' || c === null || Array.isArray(c)) fail('checkpoint', 'a JSON object');
  if (c.format !== CHECKPOINT_FORMAT) fail('format', `"${CHECKPOINT_FORMAT}"`);
  if (typeof c.treeSize !== 'number' || !Number.isSafeInteger(c.treeSize) || c.treeSize < 0) fail('treeSize', 'a whole number, 0 or more');
  if (typeof c.rootHash !== 'string' || !/^[0-9a-f]{64}$/.test(c.rootHash)) fail('rootHash', 'a SHA-256 digest in hex');
  if (c.lastPosition !== null && (typeof c.lastPosition !== 'string' || !/^\d+$/.test(c.lastPosition))) fail('lastPosition', 'a position (decimal string) or null');
  if (typeof c.streamsDigest !== 'string' || !/^[0-9a-f]{64}$/.test(c.streamsDigest)) fail('streamsDigest', 'a SHA-256 digest in hex');
  if (typeof c.timestamp !== 'string' || Number.isNaN(Date.parse(c.timestamp))) fail('timestamp', 'an ISO 8601 time');
  if (typeof c.keyId !== 'string' || !/^[0-9a-f]{64}$/.test(c.keyId)) fail('keyId', 'a SHA-256 digest in hex');
  if (typeof c.signature !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(c.signature)) fail('signature', 'base64');
  if (c.streams !== undefined) {
    if (typeof c.streams !== 'object' || c.streams === null || Array.isArray(c.streams)) fail('streams', 'an object');
    for (const [stream, head] of Object.entries(c.streams as object)) {
      const ok =
        Array.isArray(head) &&
        head.length === 3 &&
        typeof head[0] === 'string' &&
        /^\d+$/.test(head[0]) &&
        typeof head[1] === 'string' &&
        /^\d+$/.test(head[1]) &&
        typeof head[2] === 'string';
      if (!ok) fail(`streams["${stream}"]`, '[revision, position, hash]');
    }
  }
  return c as unknown as Checkpoint;
}

/** The ledger's own latest checkpoint, in its data directory: what `claims verify` checks the log against by default. */
export const LOCAL_CHECKPOINT_FILE = 'checkpoint.json';

export function readLocalCheckpoint(dataDir: string): Checkpoint | undefined {
  const file = join(dataDir, LOCAL_CHECKPOINT_FILE);
  if (!existsSync(file)) return undefined;
  return parseCheckpoint(readFileSync(file, 'utf8'));
}

/** A checkpoint as JSON text: a field a line, and one line per stream head. */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { streams, ...head } = checkpoint;
  const fields = JSON.stringify(head, null, 2);
  if (streams === undefined) return `${fields}\n`;
  const entries = Object.entries(streams).map(([stream, h]) => `    ${JSON.stringify(stream)}: ${JSON.stringify(h).replace(/,/g, ', ')}`);
  const list = entries.length === 0 ? '{}' : `{\n${entries.join(',\n')}\n  }`;
  return `${fields.slice(0, -2)},\n  "streams": ${list}\n}\n`;
}

export function writeCheckpointFile(file: string, checkpoint: Checkpoint): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, formatCheckpoint(checkpoint));
  renameSync(temporary, file);
}

export function writeLocalCheckpoint(dataDir: string, checkpoint: Checkpoint): void {
  mkdirSync(dataDir, { recursive: true });
  writeCheckpointFile(join(dataDir, LOCAL_CHECKPOINT_FILE), checkpoint);
}
