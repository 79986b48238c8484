import { describe, expect, it } from 'vitest';
import { computeConsensus, type BipolarFramework } from '../../../projections/consensus';
import { framework, randomFramework, seeded, shuffle } from './frameworks';

function permuted(fw: BipolarFramework, seed: number): BipolarFramework {
  const random = seeded(seed);
  return {
    arguments: shuffle(fw.arguments, random),
    // Repeating some edges must not matter either: they count once.
    attacks: shuffle([...fw.attacks, ...fw.attacks.slice(0, 10)], random),
    supports: shuffle(fw.supports, random),
  };
}

describe('computeConsensus determinism', () => {
  it('gives a bit-identical result, keys in the same order, for any order of arguments and edges', () => {
    const fw = randomFramework(500, 800, 7);
    const result = computeConsensus(fw);
    expect(result.iterations).toBeGreaterThan(0);
    const expected = JSON.stringify(result);
    for (const seed of [1, 2, 3, 4, 5]) {
      expect(JSON.stringify(computeConsensus(permuted(fw, seed)))).toBe(expected);
    }
  });

  it('gives the same answer twice', () => {
    const fw = randomFramework(300, 600, 11);
    expect(computeConsensus(fw)).toEqual(computeConsensus(fw));
  });

  it('does not depend on how ids sort: a renamed cycle gets the same strengths by role', () => {
    const bases = { a: 0.9, b: 0.3, c: 0.6 };
    const cycle: [string, string][] = [['a', 'b'], ['b', 'c'], ['c', 'a']];
    const rename: Record<string, string> = { a: 'zz', b: 'mm', c: 'aa' };
    const original = computeConsensus(framework(bases, cycle));
    const renamed = computeConsensus(
      framework(
        Object.fromEntries(Object.entries(bases).map(([id, base]) => [rename[id]!, base])),
        cycle.map(([from, to]) => [rename[from]!, rename[to]!]),
      ),
    );
    for (const id of Object.keys(bases)) {
      expect(renamed.strength[rename[id]!]).toBeCloseTo(original.strength[id]!, 12);
      expect(renamed.grounded[rename[id]!]).toBe(original.grounded[id]);
    }
  });

  it('treats ids that are Object.prototype names as ordinary ids', () => {
    const result = computeConsensus({
      arguments: [
        { id: '__proto__', base: 0.5 },
        { id: 'constructor', base: 0.6 },
      ],
      attacks: [['constructor', '__proto__']],
      supports: [],
    });
    expect(result.strength['__proto__']).toBeCloseTo(0.2, 12);
    expect(Object.keys(result.strength)).toEqual(['__proto__', 'constructor']);
  });
});
