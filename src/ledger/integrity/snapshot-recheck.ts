import { setImmediate as nextTurn } from 'node:timers/promises';
import { CorruptEventError } from '../../event-store/event-store.errors';
import type { EventStore } from '../../event-store/event-store.port';
import { LedgerAudit, type BrokenStream, type StreamHead } from './ledger-audit';
import { BLOCK_SIZE, type MerkleLog } from './merkle';

/** What a snapshot recorded of the log up to its position: the root and size of the tree, the chains' heads. */
export interface SnapshotTree {
  /** The position of the last event the snapshot holds. */
  position: bigint;
  treeSize: number;
  /** MTH of those treeSize events, hex. */
  rootHash: string;
  /** The tree as the snapshot kept it: its block roots say where the log now differs. */
  tree: MerkleLog;
  /** Every stream's chain head at the snapshot. */
  heads: ReadonlyMap<string, StreamHead>;
  /** Streams already broken when the snapshot was written (named then, not again). */
  broken: ReadonlySet<string>;
}

/** What re-reading the log below a snapshot found. */
export interface SnapshotRecheckResult {
  /** Events read, up to the snapshot's position. */
  events: number;
  /** The first event of each stream that fails verification now, or a stream whose head is not the one the snapshot recorded. */
  breaks: BrokenStream[];
  /** Where the log as a whole no longer has the snapshot's root, if it does not (its size, or the first block of 256 events that differs). */
  problem: string | null;
}

export interface RecheckOptions {
  /** Whether the store records events at the writer's time (EventStore.keepsRecordedAt). */
  keepsRecordedAt: boolean;
  /** How long one slice may hold the event loop before giving it back (a page of events read comes on top). */
  sliceMs: number;
  /** Asked between slices: the check ends early, with no result, once it answers true. */
  stopped(): boolean;
  /** After each slice: events read so far, and how long the slice held the event loop. */
  onSlice?(events: number, ms: number): void;
}

/**
 * Events read per query: a query reads its whole page at once (SQLite answers synchronously), so a
 * small page keeps what comes on top of a slice's budget to about a millisecond.
 */
const PAGE = 64;

/** How many streams whose head differs are named one by one; the rest are counted. */
const MAX_STREAM_PROBLEMS = 50;

/**
 * Reads the stored log again from its start up to a snapshot's position and checks it as the runner
 * checked it when it first read it (every event's hash and its stream's chain), then that it still
 * has the tree the snapshot recorded (its size and root, block by block) and every stream's head
 * (which names deleted or re-sealed streams). Sliced: it gives the event loop back every
 * `sliceMs`, so a server started from the snapshot answers while it runs. Undefined when stopped.
 */
export async function recheckBelowSnapshot(store: EventStore, snapshot: SnapshotTree, options: RecheckOptions): Promise<SnapshotRecheckResult | undefined> {
  const audit = new LedgerAudit(options.keepsRecordedAt);
  const firstBreaks = new Map<string, BrokenStream>();
  let events = 0;
  let after: bigint | undefined;
  let blockStart: bigint | undefined;
  let differingBlock: string | undefined;

  // A block of the tree just completed: compared with the root the snapshot kept for it.
  const blockDone = (last: bigint) => {
    if (differingBlock !== undefined || audit.tree.size % BLOCK_SIZE !== 0) return;
    const block = audit.tree.size / BLOCK_SIZE - 1;
    const kept = snapshot.tree.blockRoot(block);
    if (!kept || !kept.equals(audit.tree.blockRoot(block)!)) {
      differingBlock = `the ${BLOCK_SIZE} events at positions ${blockStart} to ${last} (leaves ${block * BLOCK_SIZE} to ${block * BLOCK_SIZE + BLOCK_SIZE - 1}) no longer hash to what the ledger read there`;
    }
  };
  const admitted = (position: bigint, admission: ReturnType<LedgerAudit['admit']>) => {
    if (!admission.ok && admission.first) firstBreaks.set(admission.break.stream, { ...admission.break, refusedAfter: 0 });
    after = position;
    events++;
    blockDone(position);
  };

  // Begun on a turn of its own, after whatever started it (the server's start) has finished.
  await nextTurn();
  if (options.stopped()) return undefined;
  let sliceStarted = performance.now();
  for (let reachedEnd = false; !reachedEnd; ) {
    let read = 0;
    try {
      for await (const event of store.readAll(after === undefined ? { maxCount: PAGE } : { after, maxCount: PAGE })) {
        read++;
        if (event.position > snapshot.position) {
          reachedEnd = true;
          break;
        }
        if (audit.tree.size % BLOCK_SIZE === 0) blockStart = event.position;
        admitted(event.position, audit.admit(event));
        if (performance.now() - sliceStarted >= options.sliceMs) break;
      }
    } catch (error) {
      if (!(error instanceof CorruptEventError)) throw error;
      const position = BigInt(error.position);
      read++;
      if (position > snapshot.position) reachedEnd = true;
      else {
        if (audit.tree.size % BLOCK_SIZE === 0) blockStart = position;
        admitted(position, audit.admitUnreadable(error));
      }
    }
    if (read === 0) reachedEnd = true;
    if (performance.now() - sliceStarted >= options.sliceMs || reachedEnd) {
      options.onSlice?.(events, performance.now() - sliceStarted);
      await nextTurn();
      if (options.stopped()) return undefined;
      sliceStarted = performance.now();
    }
  }

  // Events later in a broken stream, below the snapshot, are counted as the runner counts them.
  for (const [stream, broken] of audit.broken) {
    const first = firstBreaks.get(stream);
    if (first) first.refusedAfter = broken.refusedAfter;
  }
  const breaks = [...firstBreaks.values()].filter((b) => !snapshot.broken.has(b.stream));
  breaks.push(...headDifferences(snapshot, audit, firstBreaks));
  breaks.sort((a, b) => (BigInt(a.position) < BigInt(b.position) ? -1 : 1));
  return { events, breaks, problem: treeDifference(snapshot, audit, differingBlock) };
}

/** Streams whose chain, re-read, ends elsewhere than the snapshot recorded: deleted, cut short, grown or sealed again. */
function headDifferences(snapshot: SnapshotTree, audit: LedgerAudit, alreadyBroken: ReadonlyMap<string, BrokenStream>): BrokenStream[] {
  const found: BrokenStream[] = [];
  const at = `the snapshot at position ${snapshot.position}`;
  const differs = (stream: string, revision: bigint, position: bigint, problem: string) =>
    found.push({ stream, revision: revision.toString(), position: position.toString(), problem, refusedAfter: 0 });
  for (const [stream, kept] of snapshot.heads) {
    if (snapshot.broken.has(stream) || alreadyBroken.has(stream)) continue;
    const head = audit.heads.get(stream);
    if (!head) differs(stream, kept.revision, kept.position, `the whole stream was deleted below ${at}: it had events up to revision ${kept.revision}, the last at position ${kept.position}`);
    else if (head.revision < kept.revision) {
      differs(stream, kept.revision, kept.position, `its events after revision ${head.revision} (position ${head.position}) were deleted below ${at}, which read them up to revision ${kept.revision} at position ${kept.position}`);
    } else if (head.revision > kept.revision) {
      differs(stream, head.revision, head.position, `it has events up to revision ${head.revision} below ${at}, which read them up to revision ${kept.revision}: events were inserted`);
    } else if (head.hash !== kept.hash) {
      differs(stream, kept.revision, kept.position, `its events up to revision ${kept.revision} (the last at position ${kept.position}) were rewritten and sealed again below ${at}`);
    }
  }
  for (const [stream, head] of audit.heads) {
    if (!snapshot.heads.has(stream) && !snapshot.broken.has(stream) && !alreadyBroken.has(stream)) {
      differs(stream, head.revision, head.position, `the stream was not in the log when ${at} was written, yet its events lie below it: they were inserted`);
    }
  }
  if (found.length > MAX_STREAM_PROBLEMS) {
    const rest = found.length - MAX_STREAM_PROBLEMS;
    found.length = MAX_STREAM_PROBLEMS;
    found[MAX_STREAM_PROBLEMS - 1]!.problem += ` (and ${rest} more streams differ from the snapshot)`;
  }
  return found;
}

/** Whether the log up to the snapshot's position still has the tree the snapshot recorded, and where not. */
function treeDifference(snapshot: SnapshotTree, audit: LedgerAudit, differingBlock: string | undefined): string | null {
  const size = audit.tree.size;
  const of = `the snapshot at position ${snapshot.position} (${snapshot.treeSize} events, root ${snapshot.rootHash})`;
  const where = differingBlock ? `; the first place it differs: ${differingBlock}` : '';
  if (size !== snapshot.treeSize) {
    const count = Math.abs(size - snapshot.treeSize);
    return `the log holds ${size} events up to position ${snapshot.position}, where ${of} read ${snapshot.treeSize}: ${count} ${size < snapshot.treeSize ? 'were deleted' : 'were inserted'}${where}`;
  }
  if (audit.tree.root().toString('hex') === snapshot.rootHash) return null;
  if (differingBlock) return `the log up to position ${snapshot.position} no longer hashes to the root of ${of}: the log was changed${where}`;
  // Every full block matches: the change is in the last, partial block.
  const lastBlock = Math.floor(size / BLOCK_SIZE);
  const after = snapshot.tree.blockAfter(lastBlock);
  return `the log up to position ${snapshot.position} no longer hashes to the root of ${of}: the log was changed among its last ${size % BLOCK_SIZE} events (after position ${after ?? 'the start'})`;
}
