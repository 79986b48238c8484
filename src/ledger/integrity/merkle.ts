import { hash } from 'node:crypto';

/**
 * The ledger-wide Merkle tree over the global log, hashed as Certificate Transparency's (RFC 6962
 * §2.1, RFC 9162 §2.1): leaf = SHA-256(0x00 ‖ leaf data), node = SHA-256(0x01 ‖ left ‖ right), the
 * tree over n leaves splitting at the largest power of two below n, the empty tree SHA-256("").
 */

const LEAF_PREFIX = Buffer.from([0]);
const NODE_PREFIX = Buffer.from([1]);

export function leafHash(data: string | Buffer): Buffer {
  if (typeof data === 'string') return Buffer.from(leafDigest(data), 'latin1');
  return hash('sha256', Buffer.concat([LEAF_PREFIX, data], 1 + data.length), 'buffer') as unknown as Buffer;
}

export function nodeHash(left: Buffer, right: Buffer): Buffer {
  return hash('sha256', Buffer.concat([NODE_PREFIX, left, right], 65), 'buffer') as unknown as Buffer;
}

/*
 * The tree grows by one leaf per event read, on the path every event takes: there digests are kept
 * as strings of 32 one-byte characters (latin1), which Node makes and hashes at about half the cost
 * of 32-byte Buffers.
 */

/** A leaf's digest, as a latin1 string: the data is hashed as UTF-8, in which U+0000 is the one byte 0x00. */
export function leafDigest(data: string): string {
  return hash('sha256', `\u0000${data}`, 'binary');
}

const scratch = Buffer.alloc(65, 1);

/** A node's digest from its children's, all as latin1 strings. */
function nodeDigest(left: string, right: string): string {
  scratch.write(left, 1, 32, 'latin1');
  scratch.write(right, 33, 32, 'latin1');
  return hash('sha256', scratch, 'binary');
}

const asBuffer = (digest: string): Buffer => Buffer.from(digest, 'latin1');

export const EMPTY_TREE_HASH: Buffer = hash('sha256', '', 'buffer') as unknown as Buffer;

/** The largest power of two strictly below n (n ≥ 2). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * MTH over leaves [start, end), given a way to hash ranges: `known(start, end)` may answer a range
 * it has the hash of (a stored subtree), or undefined to have it split further down to single
 * leaves, which `leaf(index)` gives.
 */
export interface TreeSource {
  leaf(index: number): Buffer;
  known?(start: number, end: number): Buffer | undefined;
}

export function subtreeHash(source: TreeSource, start: number, end: number): Buffer {
  const n = end - start;
  if (n === 0) return EMPTY_TREE_HASH;
  if (n === 1) return source.leaf(start);
  const stored = source.known?.(start, end);
  if (stored) return stored;
  const k = split(n);
  return nodeHash(subtreeHash(source, start, start + k), subtreeHash(source, start + k, end));
}

/** The audit path of leaf `index` in the tree of leaves [0, size) (RFC 6962 §2.1.1), leaf side first. */
export function inclusionPath(source: TreeSource, index: number, size: number): Buffer[] {
  if (index < 0 || index >= size) throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
  const path: Buffer[] = [];
  const walk = (m: number, start: number, end: number): void => {
    const n = end - start;
    if (n === 1) return;
    const k = split(n);
    if (m < k) {
      walk(m, start, start + k);
      path.push(subtreeHash(source, start + k, end));
    } else {
      walk(m - k, start + k, end);
      path.push(subtreeHash(source, start, start + k));
    }
  };
  walk(index, 0, size);
  return path;
}

/** The root an inclusion proof leads to (RFC 9162 §2.1.3.2); undefined when the proof has the wrong shape. */
export function rootFromInclusionPath(index: number, size: number, leaf: Buffer, path: readonly Buffer[]): Buffer | undefined {
  if (index < 0 || index >= size) return undefined;
  let fn = BigInt(index);
  let sn = BigInt(size - 1);
  let r = leaf;
  for (const p of path) {
    if (sn === 0n) return undefined;
    if ((fn & 1n) === 1n || fn === sn) {
      r = nodeHash(p, r);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n ? r : undefined;
}

/** How many leaves a block holds: the tree keeps the root of each full block, and the leaves of the last. */
export const BLOCK_SIZE = 256;
const BLOCK_LEVEL = 8; // 2^8 = BLOCK_SIZE

/** What a MerkleLog keeps in a snapshot: plain data. */
export interface MerkleLogSnapshot {
  size: number;
  /** Digests in hex. */
  frontier: string[];
  levels: number[];
  /** Every full block's root, 32 bytes each, in order. */
  blockRoots: Uint8Array;
  blockAfter: (bigint | null)[];
  tail: string[];
  lastPosition: bigint | null;
}

/**
 * The tree grown one leaf at a time, in O(1) amortised hashing per leaf and O(log n) for the root:
 * the roots of its largest perfect subtrees (the frontier), the root of every full block of
 * BLOCK_SIZE leaves with the position just before it (so a block's events can be read again from
 * the store to prove inclusion), and the leaf hashes of the last, partial block. 32 bytes per
 * BLOCK_SIZE events, whatever the size of the log.
 */
export class MerkleLog {
  size = 0;
  lastPosition: bigint | null = null;
  private frontier: string[] = [];
  private levels: number[] = [];
  private blockRootList: string[] = [];
  /** For each block, the position of the leaf before its first (null for the first block). */
  private blockAfterList: (bigint | null)[] = [];
  private tail: string[] = [];

  /** Adds the next leaf: its hash as a Buffer, or as the latin1 string `leafDigest` gives. */
  append(leaf: Buffer | string, position: bigint): void {
    const digest = typeof leaf === 'string' ? leaf : leaf.toString('latin1');
    if (this.size % BLOCK_SIZE === 0) this.blockAfterList.push(this.lastPosition);
    this.tail.push(digest);
    let h = digest;
    let level = 0;
    while (this.levels.length > 0 && this.levels[this.levels.length - 1] === level) {
      h = nodeDigest(this.frontier.pop()!, h);
      this.levels.pop();
      level++;
      if (level === BLOCK_LEVEL) {
        this.blockRootList.push(h);
        this.tail = [];
      }
    }
    this.frontier.push(h);
    this.levels.push(level);
    this.size++;
    this.lastPosition = position;
  }

  /** The root of the whole tree (MTH of every leaf). */
  root(): Buffer {
    if (this.size === 0) return EMPTY_TREE_HASH;
    let r = this.frontier[this.frontier.length - 1]!;
    for (let i = this.frontier.length - 2; i >= 0; i--) r = nodeDigest(this.frontier[i]!, r);
    return asBuffer(r);
  }

  get blocks(): number {
    return this.blockAfterList.length;
  }

  /** The root of full block b; undefined for the last block while it is partial. */
  blockRoot(block: number): Buffer | undefined {
    const root = this.blockRootList[block];
    return root === undefined ? undefined : asBuffer(root);
  }

  /** The position of the leaf just before block b (null for the first): where to read it from. */
  blockAfter(block: number): bigint | null {
    return this.blockAfterList[block] ?? null;
  }

  /** The leaf hashes of the last, partial block (a copy). */
  tailLeaves(): Buffer[] {
    return this.tail.map(asBuffer);
  }

  /** The block that holds the event at `position`: the last block starting at or before it. */
  blockOfPosition(position: bigint): number {
    let low = 0;
    let high = this.blockAfterList.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      const after = this.blockAfterList[middle];
      if (after !== null && after !== undefined && after < position) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  toSnapshot(): MerkleLogSnapshot {
    return {
      size: this.size,
      frontier: this.frontier.map((h) => asBuffer(h).toString('hex')),
      levels: [...this.levels],
      blockRoots: Buffer.from(this.blockRootList.join(''), 'latin1'),
      blockAfter: [...this.blockAfterList],
      tail: this.tail.map((h) => asBuffer(h).toString('hex')),
      lastPosition: this.lastPosition,
    };
  }

  static fromSnapshot(snapshot: MerkleLogSnapshot): MerkleLog {
    const log = new MerkleLog();
    log.size = snapshot.size;
    const digest = (hex: string) => Buffer.from(hex, 'hex').toString('latin1');
    log.frontier = snapshot.frontier.map(digest);
    log.levels = [...snapshot.levels];
    const roots = Buffer.from(snapshot.blockRoots.buffer, snapshot.blockRoots.byteOffset, snapshot.blockRoots.byteLength);
    for (let at = 0; at + 32 <= roots.length; at += 32) log.blockRootList.push(roots.toString('latin1', at, at + 32));
    log.blockAfterList = [...snapshot.blockAfter];
    log.tail = snapshot.tail.map(digest);
    log.lastPosition = snapshot.lastPosition;
    return log;
  }
}

/*
 * Consistency proofs (RFC 6962 §2.1.2, RFC 9162 §2.1.4): the nodes that let anyone holding the root
 * of the tree of the first m leaves and the root of the tree of n ≥ m leaves check that the first
 * tree is a prefix of the second, so that the log only grew between the two.
 */

/**
 * The ranges of leaves [start, end) whose subtree hashes make the consistency proof from the tree
 * of m leaves to the tree of n (RFC 6962 §2.1.2 SUBPROOF), in proof order; none when m = n. Only
 * the shape: hashing them is the caller's (which may need to read leaves first).
 */
export function consistencyRanges(m: number, n: number): [start: number, end: number][] {
  if (!Number.isSafeInteger(m) || !Number.isSafeInteger(n) || m < 1 || m > n) {
    throw new RangeError(`no consistency proof from a tree of ${m} leaves to one of ${n}: it needs 1 ≤ m ≤ n`);
  }
  const ranges: [number, number][] = [];
  // `whole`: the subtree is one of the old tree's own nodes (its hash the verifier already has).
  const walk = (count: number, start: number, end: number, whole: boolean): void => {
    if (count === end - start) {
      if (!whole) ranges.push([start, end]);
      return;
    }
    const k = split(end - start);
    if (count <= k) {
      walk(count, start, start + k, whole);
      ranges.push([start + k, end]);
    } else {
      walk(count - k, start + k, end, false);
      ranges.push([start, start + k]);
    }
  };
  walk(m, 0, n, true);
  return ranges;
}

/** The consistency proof from the tree of the first m leaves to that of the first n (RFC 6962 §2.1.2). */
export function consistencyPath(source: TreeSource, m: number, n: number): Buffer[] {
  return consistencyRanges(m, n).map(([start, end]) => subtreeHash(source, start, end));
}

const isPowerOfTwo = (n: number): boolean => n > 0 && (n & (n - 1)) === 0;

/**
 * Whether `path` proves that the tree of `first` leaves with root `firstRoot` is a prefix of the
 * tree of `second` leaves with root `secondRoot` (RFC 9162 §2.1.4.2). The same size proves
 * itself with an empty path and equal roots; the empty tree (size 0) is a prefix of every tree, with
 * an empty path.
 */
export function verifyConsistency(first: number, second: number, firstRoot: Buffer, secondRoot: Buffer, path: readonly Buffer[]): boolean {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 0 || second < first) return false;
  if (first === second) return path.length === 0 && firstRoot.equals(secondRoot);
  if (first === 0) return path.length === 0 && firstRoot.equals(EMPTY_TREE_HASH);
  if (path.length === 0) return false;
  // When the old tree is a perfect subtree of the new one, its root is the first node of the walk.
  const nodes = isPowerOfTwo(first) ? [firstRoot, ...path] : [...path];
  let fn = BigInt(first - 1);
  let sn = BigInt(second - 1);
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr = nodes[0]!;
  let sr = nodes[0]!;
  for (const c of nodes.slice(1)) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && fr.equals(firstRoot) && sr.equals(secondRoot);
}
