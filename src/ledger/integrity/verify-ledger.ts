import { CorruptEventError } from '../../event-store/event-store.errors';
import type { EventStore } from '../../event-store/event-store.port';
import type { KeyObject } from 'node:crypto';
import { signatureProblem, type Checkpoint } from './checkpoint';
import { LedgerAudit } from './ledger-audit';

/** What verification found wrong, named by the event or position where it is. */
export interface LedgerBreak {
  stream?: string;
  revision?: string;
  eventId?: string;
  position?: string;
  problem: string;
  /** The checkpoint the log was compared with, when the break is against one. */
  checkpoint?: string;
}

/** A checkpoint to check the log against, and the key it must be signed with. */
export interface CheckpointToCheck {
  /** How to name it in the report: a file name, say. */
  label: string;
  checkpoint: Checkpoint;
  /** The ledger's public key and its id; without one, the signature is not checked (and the report says so). */
  key?: { publicKey: KeyObject; keyId: string };
}

export interface CheckpointResult {
  label: string;
  treeSize: number;
  timestamp: string;
  /** Whether the log still extends the checkpoint: its first treeSize events hash to its root, signed by the ledger's key. */
  extended: boolean;
  signatureChecked: boolean;
  /**
   * The consistency proof from the checkpoint to the whole log as read (RFC 9162 §2.1.4), checked
   * against the root the checkpoint signed: how many hashes it took, and whether it held.
   */
  consistency?: { proved: boolean; pathLength: number; toSize: number };
}

export interface VerificationReport {
  streams: number;
  events: number;
  /** The Merkle tree over the whole log as read. */
  treeSize: number;
  rootHash: string;
  /** Every break, in log order: the first broken event of each stream, then what the checkpoints show. */
  breaks: LedgerBreak[];
  /** Events not checked because they follow a broken event of their stream. */
  followingBreaks: number;
  /** The first break in log order, if any. */
  firstBreak: LedgerBreak | null;
  checkpoints: CheckpointResult[];
  /** The chains' heads and the tree as read: what a checkpoint of this log is signed from. */
  audit: LedgerAudit;
}

export interface VerifyOptions {
  onProgress?: (position: bigint) => void;
  checkpoints?: CheckpointToCheck[];
  /** The SQLite file's own check ('ok' when sound), where the store has one. */
  storageCheck?: () => string;
}

/** How many stream problems one checkpoint may report before the rest are counted. */
const MAX_STREAM_PROBLEMS = 50;

/**
 * Reads the whole log once, in position order, and checks everything the ledger can: every event
 * has a hash and a prevHash, every stream's chain is unbroken from revision 0 with no revision
 * missing, every event hashes to its hash under the formula it names (and, under version 2, is
 * recorded at the time sealed into it), and the Merkle tree over the log extends each checkpoint
 * given: its first treeSize events hash to the checkpoint's root, and every stream's head at the
 * checkpoint's last position is the one it signed (which names deleted or re-sealed streams).
 */
export async function verifyLedger(store: EventStore, options: VerifyOptions | ((position: bigint) => void) = {}): Promise<VerificationReport> {
  const { onProgress, checkpoints = [], storageCheck } = typeof options === 'function' ? { onProgress: options } : options;
  const audit = new LedgerAudit(store.keepsRecordedAt);
  const breaks: LedgerBreak[] = [];
  let events = 0;
  let followingBreaks = 0;
  const pending = [...checkpoints].sort((a, b) => compareNullablePositions(a.checkpoint.lastPosition, b.checkpoint.lastPosition));
  const results: CheckpointResult[] = [];
  const checkpointBreaks: LedgerBreak[] = [];

  const compareDue = (before: bigint | undefined) => {
    // Every checkpoint whose last position lies before the next event is compared with the log as read so far.
    while (pending.length > 0) {
      const last = pending[0]!.checkpoint.lastPosition;
      if (before !== undefined && last !== null && BigInt(last) >= before) return;
      const due = pending.shift()!;
      const found = compareWithCheckpoint(audit, due);
      results.push({ label: due.label, treeSize: due.checkpoint.treeSize, timestamp: due.checkpoint.timestamp, extended: found.length === 0, signatureChecked: due.key !== undefined });
      checkpointBreaks.push(...found);
    }
  };

  let storage: string | undefined;
  try {
    storage = storageCheck?.();
  } catch (error) {
    storage = (error as Error).message;
  }
  if (storage !== undefined && storage !== 'ok') breaks.push({ problem: `the store's file is damaged (SQLite integrity_check: ${storage})` });

  let after: bigint | undefined;
  for (;;) {
    try {
      for await (const page of store.readAllPages(after === undefined ? {} : { after })) {
        for (const event of page) {
          compareDue(event.position);
          after = event.position;
          events++;
          onProgress?.(event.position);
          const admission = audit.admit(event);
          if (!admission.ok) {
            if (admission.first) breaks.push(admission.break);
            else followingBreaks++;
          }
        }
      }
      break;
    } catch (error) {
      if (isDamagedStorage(error)) {
        // The store's file is damaged past reading on: named where reading stopped.
        breaks.push({ position: after?.toString(), problem: `the log cannot be read ${after === undefined ? 'from its start' : `past position ${after}`}: ${(error as Error).message}` });
        break;
      }
      if (!(error instanceof CorruptEventError)) throw error;
      // Named, and read past: what follows it is checked too.
      const position = BigInt(error.position);
      compareDue(position);
      after = position;
      events++;
      const admission = audit.admitUnreadable(error);
      if (!admission.ok && admission.first) breaks.push(admission.break);
      else followingBreaks++;
    }
  }
  compareDue(undefined);
  breaks.push(...checkpointBreaks);
  return {
    streams: audit.heads.size + [...audit.broken.keys()].filter((s) => !audit.heads.has(s)).length,
    events,
    treeSize: audit.tree.size,
    rootHash: audit.tree.root().toString('hex'),
    breaks,
    followingBreaks,
    firstBreak: breaks[0] ?? null,
    checkpoints: results,
    audit,
  };
}

/** SQLite's "the file is damaged" (a page that is not what it should be): a break, not a failure to run. */
function isDamagedStorage(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(CORRUPT|NOTADB)/.test(code);
}

function compareNullablePositions(a: string | null, b: string | null): number {
  const x = a === null ? -1n : BigInt(a);
  const y = b === null ? -1n : BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Compares the log as read up to the checkpoint's last position with what the checkpoint signed. */
function compareWithCheckpoint(audit: LedgerAudit, { label, checkpoint, key }: CheckpointToCheck): LedgerBreak[] {
  const found: LedgerBreak[] = [];
  const at = checkpoint.lastPosition ?? 'the start';
  const of = `the checkpoint ${label} (${checkpoint.treeSize} events, signed ${checkpoint.timestamp})`;
  if (key) {
    const problem = signatureProblem(checkpoint, key.publicKey, key.keyId);
    if (problem) found.push({ checkpoint: label, problem: `${of}: ${problem}` });
  }
  let streamProblems = 0;
  const streamBreak = (b: LedgerBreak) => {
    if (++streamProblems <= MAX_STREAM_PROBLEMS) found.push(b);
  };
  if (checkpoint.streams) {
    for (const [stream, [revision, position, hash]] of Object.entries(checkpoint.streams)) {
      if (audit.broken.has(stream)) continue; // already named, event by event
      const head = audit.heads.get(stream);
      const signed = BigInt(revision);
      if (!head) {
        streamBreak({ checkpoint: label, stream, revision, position, problem: `the whole stream was deleted: ${of} has its events up to revision ${revision}, the last at position ${position}; the log has none` });
      } else if (head.revision < signed) {
        streamBreak({
          checkpoint: label,
          stream,
          revision,
          position,
          problem: `its events after revision ${head.revision} (position ${head.position}) were deleted: ${of} has them up to revision ${revision}, the last at position ${position}`,
        });
      } else if (head.revision > signed) {
        streamBreak({ checkpoint: label, stream, revision: head.revision.toString(), position: head.position.toString(), problem: `it has events up to revision ${head.revision} at or before position ${at}, where ${of} has them up to revision ${revision}: events were inserted` });
      } else if (head.hash !== hash) {
        streamBreak({
          checkpoint: label,
          stream,
          revision,
          position,
          problem: `its events up to revision ${revision} (the last at position ${position}) were rewritten and sealed again: their chain no longer ends in the hash ${of} signed`,
        });
      }
    }
    for (const [stream, head] of audit.heads) {
      if (!(stream in checkpoint.streams)) {
        streamBreak({ checkpoint: label, stream, revision: head.revision.toString(), position: head.position.toString(), problem: `the stream is not in ${of}, yet its events lie at or before position ${at}: they were inserted` });
      }
    }
    if (streamProblems > MAX_STREAM_PROBLEMS) found.push({ checkpoint: label, problem: `and ${streamProblems - MAX_STREAM_PROBLEMS} more streams differ from ${of}` });
  }
  const size = audit.tree.size;
  if (size < checkpoint.treeSize) {
    found.push({ checkpoint: label, position: checkpoint.lastPosition ?? undefined, problem: `the log holds ${size} events up to position ${at}, where ${of} holds ${checkpoint.treeSize}: ${checkpoint.treeSize - size} were deleted` });
  } else if (size > checkpoint.treeSize) {
    found.push({ checkpoint: label, position: checkpoint.lastPosition ?? undefined, problem: `the log holds ${size} events up to position ${at}, where ${of} holds ${checkpoint.treeSize}: ${size - checkpoint.treeSize} were inserted` });
  } else if (audit.tree.root().toString('hex') !== checkpoint.rootHash) {
    found.push({ checkpoint: label, position: checkpoint.lastPosition ?? undefined, problem: `the ${size} events up to position ${at} no longer hash to the root ${of} signed: the log was rewritten` });
  }
  return found;
}
