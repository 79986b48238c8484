import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeConsensus, type BipolarFramework, type ConsensusResult } from '../../../projections/consensus';
import { combine } from '../../../projections/consensus/df-quad';
import { indexFramework } from '../../../projections/consensus/framework';
import { residualOf, solveFramework } from '../../../projections/consensus/incremental';
import type { Semantics } from '../../../projections/consensus/types';
import { baseScore } from './arbitraries';
import { framework, randomFramework, uniform } from './frameworks';

const SEMANTICS: readonly Semantics[] = ['df-quad', 'quadratic-energy'];
const TOLERANCE = 1e-9;
/**
 * Room for rounding between the solver and the independent recomputation below, which sums and
 * multiplies in another order: far below the tolerance, so it cannot hide a real miss.
 */
const ROUNDING = 1e-12;

/**
 * The largest gap |f(σ)(a) − σ(a)| over all arguments, recomputed from the returned strengths with
 * the published formulas, written out here independently of the code under test.
 */
function residual(fw: BipolarFramework, result: ConsensusResult, semantics: Semantics = 'df-quad'): number {
  const incoming = (edges: BipolarFramework['attacks']) => {
    const sources = new Map<string, Set<string>>();
    for (const [from, to] of edges) sources.set(to, (sources.get(to) ?? new Set()).add(from));
    return (id: string) => [...(sources.get(id) ?? [])].map((from) => result.strength[from]!);
  };
  const attackers = incoming(fw.attacks);
  const supporters = incoming(fw.supports);
  let worst = 0;
  for (const { id, base } of fw.arguments) {
    let expected: number;
    if (semantics === 'df-quad') {
      const va = 1 - attackers(id).reduce((p, v) => p * (1 - v), 1);
      const vs = 1 - supporters(id).reduce((p, v) => p * (1 - v), 1);
      expected = va >= vs ? base - base * (va - vs) : base + (1 - base) * (vs - va);
    } else {
      const energy = supporters(id).reduce((s, v) => s + v, 0) - attackers(id).reduce((s, v) => s + v, 0);
      const h = (x: number) => (x > 0 ? (x * x) / (1 + x * x) : 0);
      expected = base + (1 - base) * h(energy) - base * h(-energy);
    }
    worst = Math.max(worst, Math.abs(result.strength[id]! - expected));
  }
  return worst;
}

function ring(n: number, base: number): BipolarFramework {
  const ids = Array.from({ length: n }, (_, i) => `r${i}`);
  return {
    arguments: ids.map((id) => ({ id, base })),
    attacks: ids.map((id, i) => [id, ids[(i + 1) % n]!] as [string, string]),
    supports: [],
  };
}

/**
 * `n` claims that all rebut each other (every ordered pair), at base `base`, and `leaves` pieces of
 * evidence at base 0.8, each supporting one claim (spread over the clique).
 */
function clique(n: number, base: number, leaves = 0): BipolarFramework {
  const ids = Array.from({ length: n }, (_, i) => `c${String(i).padStart(3, '0')}`);
  const attacks: [string, string][] = [];
  for (const a of ids) for (const b of ids) if (a !== b) attacks.push([a, b]);
  const evidence = Array.from({ length: leaves }, (_, k) => `e${k}`);
  return {
    arguments: [...ids.map((id) => ({ id, base })), ...evidence.map((id) => ({ id, base: 0.8 }))],
    attacks,
    supports: evidence.map((id, k) => [id, ids[(k * 7) % n]!] as [string, string]),
  };
}

describe('computeConsensus on cycles', () => {
  it('settles an even cycle a ⇄ b at 0.5 each to σ = 0.5(1 − σ) = 1/3, grounded undec', () => {
    const result = computeConsensus(uniform('a b', 0.5, [['a', 'b'], ['b', 'a']]));
    expect(result.converged).toBe(true);
    expect(result.iterations).toBeGreaterThan(0);
    expect(result.iterations).toBeLessThan(100);
    expect(result.strength.a).toBeCloseTo(1 / 3, 8);
    expect(result.strength.b).toBeCloseTo(1 / 3, 8);
    expect(result.grounded).toEqual({ a: 'undec', b: 'undec' });
  });

  it('solves an uneven even cycle by hand: σa = 0.8(1 − σb), σb = 0.4(1 − σa) gives 12/17, 2/17', () => {
    const result = computeConsensus(framework({ a: 0.8, b: 0.4 }, [['a', 'b'], ['b', 'a']]));
    expect(result.converged).toBe(true);
    expect(result.strength.a).toBeCloseTo(12 / 17, 8);
    expect(result.strength.b).toBeCloseTo(2 / 17, 8);
  });

  it('settles two full-strength rivals at 1/2 each, where undamped sweeps would flip 0 ↔ 1 forever', () => {
    const result = computeConsensus(uniform('a b', 1, [['a', 'b'], ['b', 'a']]));
    expect(result.converged).toBe(true);
    expect(result.strength).toEqual({ a: 0.5, b: 0.5 });
  });

  it('settles an odd cycle a → b → c → a at 0.5 each to 1/3, grounded undec', () => {
    const result = computeConsensus(uniform('a b c', 0.5, [['a', 'b'], ['b', 'c'], ['c', 'a']]));
    expect(result.converged).toBe(true);
    for (const id of ['a', 'b', 'c']) expect(result.strength[id]).toBeCloseTo(1 / 3, 8);
    expect(result.grounded).toEqual({ a: 'undec', b: 'undec', c: 'undec' });
  });

  it('solves a mixed 2-cycle by hand: a supports b, b attacks a; σa = 0.5(1 − σb), σb = 0.5 + 0.5σa gives 1/5, 3/5', () => {
    const result = computeConsensus(uniform('a b', 0.5, [['b', 'a']], [['a', 'b']]));
    expect(result.converged).toBe(true);
    expect(result.strength.a).toBeCloseTo(0.2, 8);
    expect(result.strength.b).toBeCloseTo(0.6, 8);
    expect(result.grounded).toEqual({ a: 'out', b: 'in' });
  });

  it('solves an uneven 3-cycle by hand: σa = 0.9(1 − σc), σb = 0.6(1 − σa), σc = 0.3(1 − σb)', () => {
    // Substituting: σa = 0.9(1 − 0.3(1 − 0.6(1 − σa))) = 0.9(0.88 − 0.18σa) = 0.792 − 0.162σa,
    // so σa = 0.792 / 1.162.
    const result = computeConsensus(framework({ a: 0.9, b: 0.6, c: 0.3 }, [['a', 'b'], ['b', 'c'], ['c', 'a']]));
    const a = 0.792 / 1.162;
    const b = 0.6 * (1 - a);
    expect(result.converged).toBe(true);
    expect(result.strength.a).toBeCloseTo(a, 8);
    expect(result.strength.b).toBeCloseTo(b, 8);
    expect(result.strength.c).toBeCloseTo(0.3 * (1 - b), 8);
  });

  it('settles a full-strength odd cycle at 1/2 each', () => {
    const result = computeConsensus(uniform('a b c', 1, [['a', 'b'], ['b', 'c'], ['c', 'a']]));
    expect(result.converged).toBe(true);
    for (const id of ['a', 'b', 'c']) expect(result.strength[id]).toBeCloseTo(0.5, 8);
  });

  it('solves a self-attacker: σ = τ(1 − σ) gives τ / (1 + τ)', () => {
    const result = computeConsensus(framework({ s: 0.5 }, [['s', 's']]));
    expect(result.converged).toBe(true);
    expect(result.strength.s).toBeCloseTo(1 / 3, 8);
  });

  it('drives a self-supporter to 1, its only fixed point', () => {
    const result = computeConsensus(framework({ s: 0.5 }, [], [['s', 's']]));
    expect(result.converged).toBe(true);
    expect(result.strength.s).toBeCloseTo(1, 7);
  });

  it('computes the acyclic parts around a cycle exactly from the settled cycle', () => {
    const fw = uniform('x a b c d', 0.5, [['x', 'a'], ['a', 'b'], ['b', 'a'], ['b', 'c'], ['c', 'd']]);
    const result = computeConsensus(fw);
    expect(result.converged).toBe(true);
    expect(result.strength.x).toBe(0.5);
    expect(result.strength.c).toBe(combine(0.5, result.strength.b!, 0));
    expect(result.strength.d).toBe(combine(0.5, result.strength.c!, 0));
    expect(residual(fw, result)).toBeLessThanOrEqual(TOLERANCE + ROUNDING);
  });

  it('stops a slow cycle at the iteration cap and says so, near its fixed point (0, 1)', () => {
    // Jacobian eigenvalues ±√0.98: the error can shrink by at most about 1% a step, whatever the
    // step (1 + h(√0.98 − 1) for one mode, 1 − h(√0.98 + 1) for the other).
    const fw = framework({ a: 0.98, b: 1 }, [['a', 'b'], ['b', 'a']]);
    const capped = computeConsensus(fw);
    expect(capped.converged).toBe(false);
    expect(capped.iterations).toBe(1000);
    expect(capped.strength.a).toBeLessThan(0.01);
    expect(capped.strength.b).toBeGreaterThan(0.99);
    // Not converged means not a fixed point to within the tolerance, recomputed independently.
    expect(residual(fw, capped)).toBeGreaterThan(TOLERANCE);

    const longer = computeConsensus(fw, { maxIterations: 10_000 });
    expect(longer.converged).toBe(true);
    expect(longer.iterations).toBeGreaterThan(1000);
    expect(longer.strength.a).toBeCloseTo(0, 6);
    expect(residual(fw, longer)).toBeLessThanOrEqual(TOLERANCE + ROUNDING);
  });

  it('honours maxIterations and tolerance, including a cap of 0 that leaves cycles at their bases', () => {
    const fw = uniform('a b', 0.5, [['a', 'b'], ['b', 'a']]);
    expect(computeConsensus(fw, { maxIterations: 1 })).toMatchObject({ converged: false, iterations: 1 });
    expect(computeConsensus(fw, { maxIterations: 0 })).toMatchObject({
      converged: false,
      iterations: 0,
      strength: { a: 0.5, b: 0.5 },
    });
    const loose = computeConsensus(fw, { tolerance: 0.1 });
    const tight = computeConsensus(fw, { tolerance: 1e-12 });
    expect(loose.iterations).toBeLessThan(tight.iterations);
    expect(residual(fw, loose)).toBeLessThanOrEqual(0.1);
    expect(residual(fw, tight)).toBeLessThanOrEqual(1e-12 + ROUNDING);
    const exact = computeConsensus(fw, { tolerance: 0, maxIterations: 200 });
    expect(exact.iterations).toBeLessThanOrEqual(200);
  });

  it('reports the slowest cycle and does not let one unsettled cycle hide behind a settled one', () => {
    const fw = framework(
      { a: 0.98, b: 1, c: 0.5, d: 0.5 },
      [['a', 'b'], ['b', 'a'], ['c', 'd'], ['d', 'c']],
    );
    expect(computeConsensus(fw)).toMatchObject({ converged: false, iterations: 1000 });
  });
});

describe('dense attack cliques (every claim rebuts every other)', () => {
  const cases = SEMANTICS.flatMap((semantics) =>
    [55, 100].flatMap((n) => [0.5, 1].flatMap((base) => [0, 10].map((leaves) => ({ semantics, n, base, leaves })))),
  );

  it.each(cases)(
    '$semantics: $n claims at base $base with $leaves supporting evidence converge to a fixed point',
    ({ semantics, n, base, leaves }) => {
      const fw = clique(n, base, leaves);
      const result = computeConsensus(fw, { semantics });
      expect(result.converged).toBe(true);
      expect(result.iterations).toBeLessThanOrEqual(100);
      expect(residual(fw, result, semantics)).toBeLessThanOrEqual(TOLERANCE + ROUNDING);
      for (const value of Object.values(result.strength)) {
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
      }
      if (leaves === 0) {
        // By symmetry one fixed point has every member equal; Jacobi keeps them equal.
        const values = new Set(Object.values(result.strength));
        expect(values.size).toBe(1);
      }
    },
  );

  it('reaches the symmetric fixed point σ = τ(1 − σ)^(n − 1) of a DF-QuAD clique, found by bisection here', () => {
    const n = 100;
    const result = computeConsensus(clique(n, 1));
    // g(σ) = σ − (1 − σ)^(n − 1) is increasing, with g(0) < 0 < g(1).
    let [low, high] = [0, 1];
    for (let i = 0; i < 200; i++) {
      const mid = (low + high) / 2;
      if (mid - (1 - mid) ** (n - 1) < 0) low = mid;
      else high = mid;
    }
    expect(result.strength.c000).toBeCloseTo(low, 8);
  });

  it('reaches the symmetric fixed point σ = τ / (1 + ((n − 1)σ)²) of a quadratic-energy clique', () => {
    const n = 55;
    const result = computeConsensus(clique(n, 0.5), { semantics: 'quadratic-energy' });
    let [low, high] = [0, 1];
    for (let i = 0; i < 200; i++) {
      const mid = (low + high) / 2;
      if (mid - 0.5 / (1 + ((n - 1) * mid) ** 2) < 0) low = mid;
      else high = mid;
    }
    expect(result.strength.c000).toBeCloseTo(low, 8);
  });

  it('says when the cap is too low, with a reported residual above the tolerance', () => {
    for (const semantics of SEMANTICS) {
      const fw = clique(100, 1, 10);
      const settings = { tolerance: TOLERANCE, maxIterations: 2, semantics };
      const solution = solveFramework(indexFramework(fw), settings);
      expect(residualOf(solution)).toBeGreaterThan(TOLERANCE);
      const result = computeConsensus(fw, { maxIterations: 2, semantics });
      expect(result).toMatchObject({ converged: false, iterations: 2 });
      // The reported residual is the one at the returned values.
      expect(residualOf(solution)).toBeCloseTo(residual(fw, result, semantics), 12);
    }
  });
});

describe('converged means a fixed point (fast-check)', () => {
  /** Random frameworks with at least one cycle: a ring through the first three arguments. */
  const cyclic = fc.integer({ min: 3, max: 12 }).chain((n) => {
    const id = (i: number) => `arg-${i}`;
    const edge = fc.tuple(fc.nat(n - 1), fc.nat(n - 1)).map(([a, b]): [string, string] => [id(a), id(b)]);
    return fc.record({
      arguments: fc.array(baseScore(), { minLength: n, maxLength: n }).map((bases) => bases.map((base, i) => ({ id: id(i), base }))),
      attacks: fc.array(edge, { maxLength: 3 * n }).map((edges) => [...edges, [id(0), id(1)] as [string, string], [id(1), id(2)] as [string, string]]),
      supports: fc.array(edge, { maxLength: 2 * n }).map((edges) => [...edges, [id(2), id(0)] as [string, string]]),
    });
  });

  it.each(SEMANTICS)('%s: converged is true exactly when the residual at the returned values is within the tolerance', (semantics) => {
    fc.assert(
      fc.property(cyclic, fc.constantFrom(1, 3, 10, 1000), (fw, maxIterations) => {
        const result = computeConsensus(fw, { semantics, maxIterations });
        const solution = solveFramework(indexFramework(fw), { tolerance: TOLERANCE, maxIterations, semantics });
        const reported = residualOf(solution);
        const recomputed = residual(fw, result, semantics);
        expect(result.converged).toBe(reported <= TOLERANCE);
        expect(Math.abs(reported - recomputed)).toBeLessThanOrEqual(ROUNDING);
        if (result.converged) expect(recomputed).toBeLessThanOrEqual(TOLERANCE + ROUNDING);
        else expect(reported).toBeGreaterThan(TOLERANCE);
      }),
      { numRuns: 300 },
    );
  });
});

describe('computeConsensus at scale', () => {
  it('finishes a 10,000-argument random graph with cycles, all strengths in [0, 1]', () => {
    const fw = randomFramework(10_000, 15_000, 42);
    // How long it takes is the bench's business (npm run bench); here only that it finishes right.
    const result = computeConsensus(fw);
    expect(Object.keys(result.strength)).toHaveLength(10_000);
    expect(Object.keys(result.grounded)).toHaveLength(10_000);
    expect(result.iterations).toBeGreaterThan(0);
    for (const value of Object.values(result.strength)) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
    }
    expect(result.converged).toBe(true);
    expect(residual(fw, result)).toBeLessThanOrEqual(TOLERANCE + ROUNDING);
  });

  it('solves a single cycle of 10,000 arguments without overflowing the stack', () => {
    const result = computeConsensus(ring(10_000, 0.5));
    expect(result.converged).toBe(true);
    expect(result.strength.r0).toBeCloseTo(1 / 3, 8);
    expect(result.grounded.r0).toBe('undec');
  });

  it('walks a chain of 100,000 rebuttals exactly, alternating in and out', () => {
    const n = 100_000;
    const ids = Array.from({ length: n }, (_, i) => `c${i}`);
    const result = computeConsensus({
      arguments: ids.map((id) => ({ id, base: 0.5 })),
      attacks: ids.slice(1).map((id, i) => [ids[i]!, id] as [string, string]),
      supports: [],
    });
    expect(result).toMatchObject({ converged: true, iterations: 0 });
    expect(result.strength[ids[n - 1]!]).toBeCloseTo(1 / 3, 12);
    expect(result.grounded[ids[n - 1]!]).toBe('out');
    expect(result.grounded[ids[n - 2]!]).toBe('in');
  });
});
