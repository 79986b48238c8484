import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import {
  BLOCK_SIZE,
  consistencyPath,
  consistencyRanges,
  EMPTY_TREE_HASH,
  inclusionPath,
  leafHash,
  MerkleLog,
  rootFromInclusionPath,
  subtreeHash,
  verifyConsistency,
} from '../../../src/ledger/integrity/merkle';

/** RFC 6962 §2.1 as written: MTH({}) = SHA-256(), MTH({d0}) = SHA-256(0x00 ‖ d0), split at the largest power of two below n. */
function referenceRoot(leaves: Buffer[]): Buffer {
  const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
  const mth = (d: Buffer[]): Buffer => {
    if (d.length === 0) return sha();
    if (d.length === 1) return d[0]!;
    let k = 1;
    while (k * 2 < d.length) k *= 2;
    return sha(Buffer.from([1]), mth(d.slice(0, k)), mth(d.slice(k)));
  };
  return mth(leaves);
}

function leaves(count: number, seed = 1): Buffer[] {
  return Array.from({ length: count }, (_, i) => leafHash(`leaf ${seed} ${i}`));
}

describe('the ledger-wide Merkle tree (RFC 6962 hashing)', () => {
  it('gives the roots of Certificate Transparency’s test vectors', () => {
    // The eight leaves and tree heads of the certificate-transparency reference implementation's tests.
    const data = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) => leafHash(Buffer.from(h, 'hex')));
    const roots = [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
      'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
      '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
      '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
      'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
      '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
    ];
    const log = new MerkleLog();
    expect(log.root()).toEqual(EMPTY_TREE_HASH);
    expect(EMPTY_TREE_HASH.toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    data.forEach((leaf, i) => {
      log.append(leaf, BigInt(i + 1));
      expect(log.root().toString('hex')).toBe(roots[i]);
    });
  });

  it('grown one leaf at a time, has the root RFC 6962 defines at every size, across block boundaries', () => {
    const all = leaves(3 * BLOCK_SIZE + 5);
    const log = new MerkleLog();
    all.forEach((leaf, i) => {
      log.append(leaf, BigInt(10 * (i + 1)));
      const size = i + 1;
      if (size < 40 || size % 37 === 0 || Math.abs((size % BLOCK_SIZE) - BLOCK_SIZE / 2) === BLOCK_SIZE / 2) {
        expect(log.root()).toEqual(referenceRoot(all.slice(0, size)));
      }
    });
    expect(log.blocks).toBe(4);
    expect(log.blockRoot(2)).toEqual(referenceRoot(all.slice(2 * BLOCK_SIZE, 3 * BLOCK_SIZE)));
    expect(log.blockRoot(3)).toBeUndefined();
    expect(log.tailLeaves()).toEqual(all.slice(3 * BLOCK_SIZE));
    // Positions: each block starts after the last position of the one before.
    expect(log.blockAfter(0)).toBeNull();
    expect(log.blockAfter(1)).toBe(BigInt(10 * BLOCK_SIZE));
    expect(log.blockOfPosition(10n)).toBe(0);
    expect(log.blockOfPosition(BigInt(10 * BLOCK_SIZE))).toBe(0);
    expect(log.blockOfPosition(BigInt(10 * BLOCK_SIZE + 10))).toBe(1);
    expect(log.blockOfPosition(BigInt(10 * all.length))).toBe(3);
  });

  it('proves the inclusion of any leaf, and a proof that is not exactly right leads elsewhere', () => {
    for (const size of [1, 2, 3, 5, 7, 8, 9, 16, 17, 31, 255, 256, 257, 300, 513]) {
      const all = leaves(size, size);
      const source = { leaf: (i: number) => all[i]! };
      const root = referenceRoot(all);
      expect(subtreeHash(source, 0, size)).toEqual(root);
      const indices = size < 40 ? all.map((_, i) => i) : [0, 1, size >> 1, size - 2, size - 1, 255 % size];
      for (const index of indices) {
        const path = inclusionPath(source, index, size);
        expect(rootFromInclusionPath(index, size, all[index]!, path)).toEqual(root);
        if (size > 1) {
          expect(rootFromInclusionPath(index, size, all[(index + 1) % size]!, path)).not.toEqual(root);
          const bent = path.map((h, i) => (i === path.length - 1 ? leafHash('another') : h));
          expect(rootFromInclusionPath(index, size, all[index]!, bent)).not.toEqual(root);
          expect(rootFromInclusionPath(index, size, all[index]!, path.slice(1))).not.toEqual(root);
        }
      }
    }
  });

  it('survives a snapshot (V8 serialisation) and grows on exactly as before', () => {
    const all = leaves(2 * BLOCK_SIZE + 77, 9);
    const log = new MerkleLog();
    all.slice(0, BLOCK_SIZE + 30).forEach((leaf, i) => log.append(leaf, BigInt(i)));
    const restored = MerkleLog.fromSnapshot(deserialize(serialize(log.toSnapshot())));
    all.slice(BLOCK_SIZE + 30).forEach((leaf, i) => {
      log.append(leaf, BigInt(BLOCK_SIZE + 30 + i));
      restored.append(leaf, BigInt(BLOCK_SIZE + 30 + i));
    });
    expect(restored.root()).toEqual(log.root());
    expect(restored.root()).toEqual(referenceRoot(all));
    expect(restored.blockRoot(1)).toEqual(log.blockRoot(1));
    expect(restored.blockAfter(2)).toBe(log.blockAfter(2));
  });
});

describe('consistency proofs (RFC 6962 §2.1.2, verified as RFC 9162 §2.1.4.2)', () => {
  const ctLeaves = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) => leafHash(Buffer.from(h, 'hex')));
  const ctSource = { leaf: (i: number) => ctLeaves[i]! };
  const hex = (hashes: Buffer[]) => hashes.map((h) => h.toString('hex'));

  it('gives the proofs of Certificate Transparency’s test vectors', () => {
    // From the certificate-transparency reference implementation's tests (the same eight leaves).
    const vectors: [number, number, string[]][] = [
      [1, 1, []],
      [1, 8, ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4']],
      [6, 8, ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
      [2, 5, ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']],
      [6, 7, ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
    ];
    for (const [m, n, expected] of vectors) {
      const path = consistencyPath(ctSource, m, n);
      expect(hex(path), `${m} → ${n}`).toEqual(expected);
      expect(verifyConsistency(m, n, referenceRoot(ctLeaves.slice(0, m)), referenceRoot(ctLeaves.slice(0, n)), path)).toBe(true);
    }
  });

  it('proves every (m, n) up to 70, and powers of two and block edges beyond; a proof that is not exactly right fails', () => {
    const all = leaves(2 * BLOCK_SIZE + 3, 5);
    const source = { leaf: (i: number) => all[i]! };
    const roots = new Map<number, Buffer>();
    const rootOf = (size: number) => roots.get(size) ?? roots.set(size, referenceRoot(all.slice(0, size))).get(size)!;
    const pairs: [number, number][] = [];
    for (let n = 1; n <= 70; n++) for (let m = 1; m <= n; m++) pairs.push([m, n]);
    const edges = [1, 2, 3, 63, 64, 65, 127, 128, 129, 255, 256, 257, 511, 512, 513, 515];
    for (const n of edges) for (const m of edges) if (m <= n) pairs.push([m, n]);
    for (const [m, n] of pairs) {
      const what = `${m} → ${n}`;
      const path = consistencyPath(source, m, n);
      expect(verifyConsistency(m, n, rootOf(m), rootOf(n), path), what).toBe(true);
      if (m === n) {
        expect(path, what).toEqual([]);
        continue;
      }
      // Another old root, another new root, a node changed, dropped or added: each fails.
      expect(verifyConsistency(m, n, leafHash('other'), rootOf(n), path), what).toBe(false);
      expect(verifyConsistency(m, n, rootOf(m), leafHash('other'), path), what).toBe(false);
      path.forEach((_, i) => {
        const bent = path.map((h, j) => (j === i ? leafHash('bent') : h));
        expect(verifyConsistency(m, n, rootOf(m), rootOf(n), bent), `${what}, node ${i}`).toBe(false);
      });
      expect(verifyConsistency(m, n, rootOf(m), rootOf(n), path.slice(0, -1)), what).toBe(false);
      expect(verifyConsistency(m, n, rootOf(m), rootOf(n), [...path, leafHash('extra')]), what).toBe(false);
      // The same proof does not stand for other sizes.
      if (n + 1 <= all.length) expect(verifyConsistency(m, n + 1, rootOf(m), rootOf(n + 1), path), what).toBe(false);
    }
  });

  it('fails for a log rewritten below the old size, even with every new root recomputed', () => {
    const all = leaves(300, 7);
    for (const [m, n, changed] of [[5, 8, 2], [128, 300, 0], [256, 300, 255], [200, 257, 199]] as const) {
      const rewritten = all.map((leaf, i) => (i === changed ? leafHash('rewritten') : leaf));
      const path = consistencyPath({ leaf: (i) => rewritten[i]! }, m, n);
      // The old root was kept (a checkpoint); the rewritten log answers with its own new root and proof.
      expect(verifyConsistency(m, n, referenceRoot(all.slice(0, m)), referenceRoot(rewritten.slice(0, n)), path), `${m} → ${n}`).toBe(false);
    }
  });

  it('the empty tree is a prefix of every tree with an empty proof; sizes out of order are refused', () => {
    expect(verifyConsistency(0, 5, EMPTY_TREE_HASH, leafHash('x'), [])).toBe(true);
    expect(verifyConsistency(0, 5, leafHash('x'), leafHash('x'), [])).toBe(false);
    expect(verifyConsistency(0, 5, EMPTY_TREE_HASH, leafHash('x'), [leafHash('y')])).toBe(false);
    expect(verifyConsistency(3, 2, leafHash('x'), leafHash('y'), [leafHash('z')])).toBe(false);
    expect(verifyConsistency(2, 2, leafHash('x'), leafHash('y'), [])).toBe(false);
    expect(() => consistencyRanges(0, 5)).toThrow(RangeError);
    expect(() => consistencyRanges(6, 5)).toThrow(RangeError);
  });
});
