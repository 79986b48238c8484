import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import {
  BLOCK_SIZE,
  EMPTY_TREE_HASH,
  inclusionPath,
  leafHash,
  MerkleLog,
  rootFromInclusionPath,
  subtreeHash,
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
