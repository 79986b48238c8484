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

  it('gives a bit-identical quadratic-energy result for any order of arguments and edges', () => {
    const fw = randomFramework(500, 800, 7);
    const result = computeConsensus(fw, { semantics: 'quadratic-energy' });
    expect(result.iterations).toBeGreaterThan(0);
    const expected = JSON.stringify(result);
    for (const seed of [1, 2, 3]) {
      expect(JSON.stringify(computeConsensus(permuted(fw, seed), { semantics: 'quadratic-energy' }))).toBe(expected);
    }
  });

  it('does not depend on how ids sort in a dense clique with uneven bases, under either semantics', () => {
    const names = ['m', 'c', 'x', 'a', 'q', 'f', 'z', 'b'];
    const bases = [0.9, 0.3, 0.6, 1, 0.5, 0.7, 0.2, 0.8];
    const attacks = names.flatMap((x) => names.filter((y) => y !== x).map((y) => [x, y] as [string, string]));
    const rename = (id: string) => `r-${String.fromCharCode(219 - id.charCodeAt(0))}`; // reverses the order
    for (const semantics of ['df-quad', 'quadratic-energy'] as const) {
      const original = computeConsensus(framework(Object.fromEntries(names.map((id, i) => [id, bases[i]!])), attacks), {
        semantics,
      });
      const renamed = computeConsensus(
        framework(
          Object.fromEntries(names.map((id, i) => [rename(id), bases[i]!])),
          attacks.map(([from, to]) => [rename(from), rename(to)]),
        ),
        { semantics },
      );
      expect(original.converged && renamed.converged).toBe(true);
      for (const id of names) expect(renamed.strength[rename(id)]).toBeCloseTo(original.strength[id]!, 8);
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
