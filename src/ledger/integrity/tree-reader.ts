import { CorruptEventError } from '../../event-store/event-store.errors';
import type { EventStore, RecordedEvent } from '../../event-store/event-store.port';
import { leafDataOf, recordedAtOf } from './ledger-audit';
import { BLOCK_SIZE, consistencyRanges, inclusionPath, leafHash, type MerkleLog, subtreeHash, type TreeSource } from './merkle';

/** The stored log no longer matches the tree the ledger built when it read it. */
export class LogChangedError extends Error {
  override readonly name = 'LogChangedError';
}

/** The tree as it stood at one moment: proofs and roots are computed on it while the log grows. */
interface TreeView {
  tree: MerkleLog;
  size: number;
  tail: Buffer[];
}

function viewOf(tree: MerkleLog): TreeView {
  return { tree, size: tree.size, tail: tree.tailLeaves() };
}

/** Reads the first `count` events of block b back from the store. */
async function readBlock(store: EventStore, tree: MerkleLog, block: number, count: number): Promise<RecordedEvent[]> {
  const after = tree.blockAfter(block);
  const events: RecordedEvent[] = [];
  try {
    for await (const event of store.readAll(after === null ? { maxCount: count } : { after, maxCount: count })) events.push(event);
  } catch (error) {
    if (error instanceof CorruptEventError) throw new LogChangedError(`the event at position ${error.position} can no longer be read: ${error.message}`);
    throw error;
  }
  return events;
}

/**
 * The leaf hashes of block b's first `count` leaves: from memory for the last, partial block, else
 * read from the store and checked against the block's root, kept since the ledger first read it.
 */
async function blockLeaves(store: EventStore, view: TreeView, block: number, count: number): Promise<{ leaves: Buffer[]; events?: RecordedEvent[] }> {
  const full = view.tree.blockRoot(block);
  const lastBlock = Math.floor((view.size - 1) / BLOCK_SIZE);
  if (!full && block === lastBlock && view.size % BLOCK_SIZE !== 0) {
    return { leaves: view.tail.slice(0, count) };
  }
  const events = await readBlock(store, view.tree, block, full ? BLOCK_SIZE : count);
  const leaves = events.map((event) => leafHash(leafDataOf(event)));
  const firstPosition = events[0]?.position;
  if (full) {
    const root = subtreeHash({ leaf: (i) => leaves[i] ?? Buffer.alloc(32) }, 0, BLOCK_SIZE);
    if (events.length !== BLOCK_SIZE || !root.equals(full)) {
      throw new LogChangedError(
        `the ${BLOCK_SIZE} events of the log from position ${firstPosition ?? '?'} (leaves ${block * BLOCK_SIZE} to ${block * BLOCK_SIZE + BLOCK_SIZE - 1}) no longer hash to what the ledger read there: events were changed, deleted or inserted; run claims verify`,
      );
    }
  }
  return { leaves: leaves.slice(0, count), events: events.slice(0, count) };
}

/** A source over the view: full blocks by their kept roots, and the leaves of the blocks read. */
function sourceOf(view: TreeView, read: Map<number, Buffer[]>): TreeSource {
  return {
    leaf: (index) => {
      const leaves = read.get(Math.floor(index / BLOCK_SIZE));
      const leaf = leaves?.[index % BLOCK_SIZE];
      if (!leaf) throw new Error(`leaf ${index} was not read`);
      return leaf;
    },
    known: (start, end) => (end - start === BLOCK_SIZE && start % BLOCK_SIZE === 0 ? view.tree.blockRoot(start / BLOCK_SIZE) : undefined),
  };
}

/** Reads the leaves of the partial block that ends a tree of `size` leaves, if it has one. */
async function readPartial(store: EventStore, view: TreeView, size: number, read: Map<number, Buffer[]>): Promise<void> {
  const block = Math.floor(size / BLOCK_SIZE);
  const count = size % BLOCK_SIZE;
  if (count === 0 || read.has(block)) return;
  read.set(block, (await blockLeaves(store, view, block, count)).leaves);
}

/** The root of the tree over the first `size` leaves (≤ the tree's size), reading at most one block. */
export async function rootAt(store: EventStore, tree: MerkleLog, size: number): Promise<Buffer> {
  const view = viewOf(tree);
  if (size > view.size) throw new RangeError(`the tree has ${view.size} leaves, fewer than ${size}`);
  if (size === view.size) return tree.root();
  const read = new Map<number, Buffer[]>();
  await readPartial(store, view, size, read);
  return subtreeHash(sourceOf(view, read), 0, size);
}

/** An RFC 6962 inclusion proof of one event in the ledger's tree, with what its leaf is made of. */
export interface InclusionProof {
  leafIndex: number;
  treeSize: number;
  /** MTH of the first treeSize leaves, hex. */
  rootHash: string;
  /** The leaf data, one field a line: `${position}\n${id}\n${recordedAt}\n${hash}`. */
  leaf: { position: string; id: string; recordedAt: string; hash: string };
  leafHash: string;
  /** The audit path, leaf side first, hex. */
  auditPath: string[];
}

export class EventNotInTreeError extends Error {
  override readonly name = 'EventNotInTreeError';
}

/** Proves the event with this id is leaf m of the tree of `size` leaves (default: every event read so far). */
export async function proveInclusion(store: EventStore, tree: MerkleLog, eventId: string, size?: number): Promise<InclusionProof | undefined> {
  const view = viewOf(tree);
  const treeSize = size ?? view.size;
  if (treeSize > view.size) throw new RangeError(`the ledger's tree has ${view.size} events, fewer than ${treeSize}`);
  const event = await store.readEvent(eventId);
  if (!event) return undefined;
  if (view.tree.lastPosition === null || event.position > view.tree.lastPosition || treeSize === 0) {
    throw new EventNotInTreeError(`the event at position ${event.position} is not in the tree of ${treeSize} events yet`);
  }
  const block = view.tree.blockOfPosition(event.position);
  const inBlock = Math.min(BLOCK_SIZE, view.size - block * BLOCK_SIZE);
  const read = new Map<number, Buffer[]>();
  const { leaves, events } = await blockLeaves(store, view, block, inBlock);
  read.set(block, leaves);
  // The last, partial block is in memory: its events are read back to find the event's place in it.
  const blockEvents = events ?? (await readBlock(store, view.tree, block, inBlock));
  const offset = blockEvents.findIndex((e) => e.id === event.id);
  if (offset === -1) throw new LogChangedError(`the event ${event.id} at position ${event.position} is not where the ledger read it`);
  const leaf = leafHash(leafDataOf(blockEvents[offset]!));
  if (!leaf.equals(leaves[offset]!)) throw new LogChangedError(`the event ${event.id} at position ${event.position} was changed since the ledger read it`);
  const leafIndex = block * BLOCK_SIZE + offset;
  if (leafIndex >= treeSize) throw new EventNotInTreeError(`the event is leaf ${leafIndex}, not in a tree of ${treeSize} events`);
  await readPartial(store, view, treeSize, read);
  const source = sourceOf(view, read);
  const hash = typeof event.metadata.hash === 'string' ? event.metadata.hash : '';
  return {
    leafIndex,
    treeSize,
    rootHash: subtreeHash(source, 0, treeSize).toString('hex'),
    leaf: { position: event.position.toString(), id: event.id, recordedAt: recordedAtOf(event), hash },
    leafHash: leaf.toString('hex'),
    auditPath: inclusionPath(source, leafIndex, treeSize).map((h) => h.toString('hex')),
  };
}

/**
 * An RFC 6962 consistency proof (RFC 9162 §2.1.4) between two sizes of the ledger's tree: the tree
 * of the first `fromSize` events is a prefix of the tree of the first `toSize`.
 */
export interface ConsistencyProof {
  fromSize: number;
  toSize: number;
  /** MTH of the first fromSize leaves, hex. */
  fromRoot: string;
  /** MTH of the first toSize leaves, hex. */
  toRoot: string;
  /** The subtree hashes of RFC 6962 §2.1.2 PROOF(fromSize, D[toSize]), hex, in order; empty when the sizes are equal. */
  consistencyPath: string[];
}

/**
 * The blocks whose leaves are needed to hash leaves [start, end): every block the range only partly
 * covers. A full block inside it is hashed from its kept root, never read.
 */
function blocksToRead(view: TreeView, start: number, end: number, into: Set<number>): void {
  const n = end - start;
  if (n === 0) return;
  if (n === BLOCK_SIZE && start % BLOCK_SIZE === 0 && view.tree.blockRoot(start / BLOCK_SIZE)) return;
  if (n === 1 || Math.floor(start / BLOCK_SIZE) === Math.floor((end - 1) / BLOCK_SIZE)) {
    into.add(Math.floor(start / BLOCK_SIZE));
    return;
  }
  let k = 1;
  while (k * 2 < n) k *= 2;
  blocksToRead(view, start, start + k, into);
  blocksToRead(view, start + k, end, into);
}

/**
 * Proves that the tree of the first `fromSize` events is a prefix of the tree of the first `toSize`
 * (1 ≤ fromSize ≤ toSize ≤ the tree's size), reading from the store only the blocks a range of the
 * proof cuts through (at most three), each checked against the root the ledger kept for it.
 */
export async function proveConsistency(store: EventStore, tree: MerkleLog, fromSize: number, toSize: number): Promise<ConsistencyProof> {
  const view = viewOf(tree);
  if (toSize > view.size) throw new RangeError(`the ledger's tree has ${view.size} events, fewer than ${toSize}`);
  const ranges = consistencyRanges(fromSize, toSize);
  const needed = new Set<number>();
  for (const [start, end] of [[0, fromSize], [0, toSize], ...ranges] as const) blocksToRead(view, start, end, needed);
  const read = new Map<number, Buffer[]>();
  for (const block of [...needed].sort((a, b) => a - b)) {
    const inBlock = Math.min(BLOCK_SIZE, view.size - block * BLOCK_SIZE);
    read.set(block, (await blockLeaves(store, view, block, inBlock)).leaves);
  }
  const source = sourceOf(view, read);
  return {
    fromSize,
    toSize,
    fromRoot: subtreeHash(source, 0, fromSize).toString('hex'),
    toRoot: subtreeHash(source, 0, toSize).toString('hex'),
    consistencyPath: ranges.map(([start, end]) => subtreeHash(source, start, end).toString('hex')),
  };
}
