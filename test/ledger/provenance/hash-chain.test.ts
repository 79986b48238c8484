import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../contract/json';
import { canonicalJson } from '../../../src/ledger/provenance/canonical-json';
import { eventHash, GENESIS_HASH, seal, sealEvent, storedContentHash, type HashedContent } from '../../../src/ledger/provenance/hash-chain';

// The definition the hashes of every stored ledger were made with: sort, drop undefined, join. The
// implementation may be faster; it must give the same bytes.
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('canonicalJson: numbers must be finite');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : reference(item))).join(',')}]`;
  const entries = Object.keys(value)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${reference((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}

function referenceHash(content: HashedContent, prevHash: string): string {
  const { hash: _ignored, ...metadata } = content.metadata;
  const canonical = reference({ id: content.id, type: content.type, stream: content.stream, revision: content.revision.toString(), data: content.data, metadata });
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

/** A deterministic pseudo-random JSON value with awkward keys and strings. */
function randomValue(seed: { n: number }, depth = 0): unknown {
  const next = () => (seed.n = (seed.n * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const strings = ['', 'a', 'Z', 'é', '\u00e9\u0301', '"quoted"', 'line\nbreak', '😀', 'b', 'aa', '10', '2', '__proto_', 'hash'];
  const pick = () => strings[Math.floor(next() * strings.length)];
  const r = next();
  if (depth > 3 || r < 0.3) {
    const k = Math.floor(next() * 6);
    return [null, true, false, Math.floor(next() * 1e6) / 7, -0, pick()][k];
  }
  if (r < 0.45) return Array.from({ length: Math.floor(next() * 4) }, () => (next() < 0.1 ? undefined : randomValue(seed, depth + 1)));
  const object: Record<string, unknown> = {};
  for (let i = Math.floor(next() * 6); i > 0; i--) object[pick() + (next() < 0.5 ? pick() : '')] = next() < 0.1 ? undefined : randomValue(seed, depth + 1);
  return object;
}

describe('canonical JSON and the event hash', () => {
  it('give the same bytes as the definition, on many awkward values', () => {
    const seed = { n: 42 };
    for (let i = 0; i < 2_000; i++) {
      const value = randomValue(seed);
      expect(canonicalJson(value)).toBe(reference(value));
      const data = (randomValue(seed) ?? {}) as JsonObject;
      const metadata = { ...((randomValue(seed) as object) ?? {}), prevHash: GENESIS_HASH, hash: 'ignored' } as JsonObject;
      const content = { id: `id-${i}`, type: 'Tested', stream: `stream-${i % 7}`, revision: BigInt(i), data, metadata };
      expect(eventHash(content, GENESIS_HASH)).toBe(referenceHash(content, GENESIS_HASH));
    }
  });

  it('hashes a known event to a known value', () => {
    const content: HashedContent = {
      id: '8b0e3c5e-2f1a-8c4d-9e7f-0123456789ab',
      type: 'ClaimProposed',
      stream: 'question-00000000-0000-4000-8000-000000000001',
      revision: 3n,
      data: { text: 'Paid by the Red Cross', kind: 'answer', owner: { name: 'A', id: 'a' } },
      metadata: { schemaVersion: 1, recordedAt: '2024-01-01T00:00:00.000Z', saidIn: null, prevHash: GENESIS_HASH },
    };
    expect(eventHash(content, GENESIS_HASH)).toBe(referenceHash(content, GENESIS_HASH));
    expect(eventHash({ ...content, metadata: { ...content.metadata, hash: 'x' } }, GENESIS_HASH)).toBe(eventHash(content, GENESIS_HASH));
    // Computed by the implementation before it was made faster.
    expect(eventHash(content, GENESIS_HASH)).toBe('4aac83afd8e4a43abad7e514989148d89860ad45bfaf937259a4aa05d3a8e3af');
  });
});

describe('sealing under hash version 2', () => {
  it('hashes as eventHash does, and gives the canonical JSON it hashed, from which the hash is checked without building it again', () => {
    const seed = { n: 7 };
    for (let i = 0; i < 500; i++) {
      const data = ((randomValue(seed) as object | null) ?? {}) as JsonObject;
      const metadata = { ...((randomValue(seed) as object) ?? {}), recordedAt: '2024-01-01T00:00:00.000Z' } as JsonObject;
      const content = { id: `id-${i}`, type: 'Tested', stream: `stream-${i % 7}`, revision: BigInt(i), data, metadata };
      const sealed = seal(content, GENESIS_HASH);
      expect(metadata).toMatchObject({ hashVersion: 2, prevHash: GENESIS_HASH, hash: sealed.hash });
      expect(eventHash(content, GENESIS_HASH)).toBe(sealed.hash);
      expect(sealed.json.data).toBe(canonicalJson(data));
      expect(JSON.parse(sealed.json.metadata)).toEqual(JSON.parse(JSON.stringify(metadata)));
      expect(sealed.json.metadata.endsWith(`,"hash":"${sealed.hash}"}`)).toBe(true);
      const read = { ...content, data: JSON.parse(sealed.json.data), metadata: JSON.parse(sealed.json.metadata) };
      expect(storedContentHash(read, sealed.json)).toBe(sealed.hash);
      // Text that is not exactly what was sealed never gives the sealed hash.
      expect(storedContentHash(read, { ...sealed.json, data: JSON.stringify(data, null, 1) === sealed.json.data ? `${sealed.json.data} ` : JSON.stringify(data, null, 1) })).not.toBe(sealed.hash);
      expect(storedContentHash({ ...read, revision: read.revision + 1n }, sealed.json)).not.toBe(sealed.hash);
    }
  });

  it('differs from version 1 for the same content: the formula is named by the event', () => {
    const metadata: JsonObject = { recordedAt: '2024-01-01T00:00:00.000Z' };
    const content = { id: 'a', type: 'T', stream: 's', revision: 0n, data: {}, metadata };
    const v1 = eventHash({ ...content, metadata: { ...metadata, prevHash: GENESIS_HASH } }, GENESIS_HASH);
    expect(sealEvent(content, GENESIS_HASH)).not.toBe(v1);
    expect(() => eventHash({ ...content, metadata: { ...metadata, hashVersion: 3 } }, GENESIS_HASH)).toThrow(/hashVersion 3 is not a formula/);
  });
});
