import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHUNK,
  solveCycle,
  solveCycleSteps,
  type CycleOutcome,
  type CycleProblem,
} from '../../../projections/consensus/cycle-solver';

const settings = { tolerance: 1e-9, maxIterations: 1000 };

/** max |f(σ)(v) − σ(v)| over the members, recomputed at the values given. */
function residualAt(problem: CycleProblem, strength: Float64Array): number {
  return Math.max(0, ...problem.members.map((v) => Math.abs(problem.evaluate(v, strength) - strength[v]!)));
}

/**
 * n members that all attack each other under DF-QuAD at base τ: f(σ)(v) = τ·Π over the others
 * of (1 − σ(u)). `offset` places them at v = offset … offset + n − 1 in a larger array.
 */
function attackClique(n: number, base: number, offset = 0): CycleProblem {
  const members = Array.from({ length: n }, (_, i) => offset + i);
  return {
    members,
    cost: () => n,
    evaluate: (v, strength) => {
      let product = 1;
      for (const u of members) if (u !== v) product *= 1 - strength[u]!;
      return base * product;
    },
  };
}

/** The former solver: fixed damping ½, for comparison. */
function dampedJacobi(problem: CycleProblem, strength: Float64Array, sweeps: number): number {
  const next = new Float64Array(strength.length);
  for (let k = 0; k < sweeps; k++) {
    for (const v of problem.members) next[v] = problem.evaluate(v, strength);
    for (const v of problem.members) strength[v] = strength[v]! + 0.5 * (next[v]! - strength[v]!);
  }
  return residualAt(problem, strength);
}

describe('solveCycle', () => {
  it('solves a linear pair by hand: x = 0.5 − 0.5y, y = 0.2 + 0.5x gives x = 0.32, y = 0.36', () => {
    const problem: CycleProblem = {
      members: [0, 1],
      evaluate: (v, s) => (v === 0 ? 0.5 - 0.5 * s[1]! : 0.2 + 0.5 * s[0]!),
    };
    const strength = Float64Array.from([0.5, 0.5]);
    const outcome = solveCycle(problem, strength, settings);
    expect(outcome.converged).toBe(true);
    // x = 0.5 − 0.5(0.2 + 0.5x) = 0.4 − 0.25x.
    expect(strength[0]).toBeCloseTo(0.32, 8);
    expect(strength[1]).toBeCloseTo(0.36, 8);
    expect(outcome.residual).toBe(residualAt(problem, strength));
  });

  it('settles a 60-member attack clique at τ = 1, where the fixed damping ½ flips for ever', () => {
    const problem = attackClique(60, 1);
    const old = Float64Array.from({ length: 60 }, () => 1);
    // Its common mode is multiplied by about −1.04 a sweep: after 1000 sweeps, still no fixed point.
    expect(dampedJacobi(problem, old, 1000)).toBeGreaterThan(1e-3);

    const strength = Float64Array.from({ length: 60 }, () => 1);
    const outcome = solveCycle(problem, strength, settings);
    expect(outcome.converged).toBe(true);
    expect(outcome.iterations).toBeLessThan(100);
    // σ = (1 − σ)^59 at every member.
    expect(Math.abs(strength[0]! - (1 - strength[0]!) ** 59)).toBeLessThanOrEqual(1e-9);
    expect(residualAt(problem, strength)).toBe(outcome.residual);
  });

  it('reports the residual at the values it leaves, and converged false when the cap is too low', () => {
    const problem = attackClique(100, 1);
    for (const maxIterations of [0, 1, 2, 3, 5]) {
      const strength = Float64Array.from({ length: 100 }, () => 1);
      const outcome = solveCycle(problem, strength, { tolerance: 1e-9, maxIterations });
      expect(outcome).toMatchObject({ converged: false, iterations: maxIterations });
      expect(outcome.residual).toBeGreaterThan(1e-9);
      expect(outcome.residual).toBe(residualAt(problem, strength));
    }
  });

  it('takes no step from a start that is already a fixed point', () => {
    const problem: CycleProblem = { members: [0, 1], evaluate: (v, s) => s[1 - v]! };
    const strength = Float64Array.from([0.3, 0.3]);
    expect(solveCycle(problem, strength, settings)).toEqual({ converged: true, iterations: 0, residual: 0 });
    expect(Array.from(strength)).toEqual([0.3, 0.3]);
  });

  it('reads values outside the members as given and never writes them', () => {
    // Member 1 is pushed by the fixed value at 0: σ1 = 0.5 + 0.5·σ0·(1 − σ1)… a one-member cycle.
    const problem: CycleProblem = { members: [1], evaluate: (_, s) => 0.5 * (1 - s[1]!) + 0.5 * s[0]! };
    const strength = Float64Array.from([0.6, 0.5]);
    const outcome = solveCycle(problem, strength, settings);
    expect(outcome.converged).toBe(true);
    expect(strength[0]).toBe(0.6);
    // σ1 = 0.5 − 0.5σ1 + 0.3, so σ1 = 0.8 / 1.5.
    expect(strength[1]).toBeCloseTo(0.8 / 1.5, 8);
  });

  it('keeps values in [0, 1] even when the update function strays outside', () => {
    const problem: CycleProblem = { members: [0, 1], evaluate: (v, s) => (v === 0 ? 1.5 - s[1]! : -0.5 + s[0]!) };
    const strength = Float64Array.from([0.5, 0.5]);
    solveCycle(problem, strength, { tolerance: 1e-9, maxIterations: 50 });
    for (const value of strength) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
    }
  });

  it('never counts NaN as converged', () => {
    const problem: CycleProblem = { members: [0], evaluate: () => NaN };
    const outcome = solveCycle(problem, Float64Array.from([0.5]), { tolerance: 1, maxIterations: 3 });
    expect(outcome.converged).toBe(false);
  });

  it('treats members symmetrically: the result does not depend on their order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 8 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 64, maxLength: 64 }),
        fc.nat(),
        (bases, weights, seed) => {
          const n = bases.length;
          // Each member attacked by the next and supported by the one after, with fixed weights.
          const evaluate = (v: number, s: Float64Array) => {
            const attack = weights[v]! * s[(v + 1) % n]!;
            const support = weights[32 + v]! * s[(v + 2) % n]!;
            return attack >= support ? bases[v]! * (1 - (attack - support)) : bases[v]! + (1 - bases[v]!) * (support - attack);
          };
          const members = bases.map((_, i) => i);
          const rotated = members.map((_, i) => members[(i + seed) % n]!);
          const a = Float64Array.from(bases);
          const b = Float64Array.from(bases);
          const first = solveCycle({ members, evaluate }, a, settings);
          const second = solveCycle({ members: rotated, evaluate }, b, settings);
          expect(second).toEqual(first);
          expect(Array.from(b)).toEqual(Array.from(a));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('solveCycleSteps', () => {
  /** Runs the generator to the end, collecting what it yields. */
  function run(problem: CycleProblem, strength: Float64Array): { yields: number[]; outcome: CycleOutcome } {
    const steps = solveCycleSteps(problem, strength, settings);
    const yields: number[] = [];
    for (;;) {
      const next = steps.next();
      if (next.done) return { yields, outcome: next.value };
      yields.push(next.value);
    }
  }

  it('yields its work in chunks of at most about CHUNK edge evaluations, adding up to all of it', () => {
    const base = attackClique(200, 1);
    let evaluations = 0;
    const problem: CycleProblem = {
      ...base,
      evaluate: (v, s) => {
        evaluations++;
        return base.evaluate(v, s);
      },
    };
    const { yields, outcome } = run(problem, Float64Array.from({ length: 200 }, () => 1));
    expect(outcome.converged).toBe(true);
    expect(yields.length).toBeGreaterThan(1);
    // Each evaluation of this problem costs 200 (its `cost`), so a chunk overshoots by less than that.
    for (const work of yields) expect(work).toBeLessThan(CHUNK + 200);
    expect(CHUNK + 200).toBeLessThanOrEqual(100_000);
    expect(yields.reduce((a, b) => a + b, 0)).toBe(evaluations * 200);
  });

  it('counts one unit per evaluation without a cost, and ends as solveCycle does', () => {
    const problem = { ...attackClique(30, 0.5), cost: undefined };
    const viaSteps = Float64Array.from({ length: 30 }, () => 0.5);
    const { yields, outcome } = run(problem, viaSteps);
    const direct = Float64Array.from({ length: 30 }, () => 0.5);
    expect(solveCycle(problem, direct, settings)).toEqual(outcome);
    expect(Array.from(viaSteps)).toEqual(Array.from(direct));
    expect(yields.reduce((a, b) => a + b, 0)).toBe(30 * (outcome.iterations + 1));
  });

  it('can be paused between yields: the strengths of members are left as they were', () => {
    const problem = attackClique(400, 1);
    const strength = Float64Array.from({ length: 400 }, () => 1);
    const steps = solveCycleSteps(problem, strength, settings);
    const first = steps.next();
    expect(first.done).toBe(false);
    const paused = Array.from(strength);
    // Nothing happens while the caller does something else.
    expect(Array.from(strength)).toEqual(paused);
    let next = steps.next();
    while (!next.done) next = steps.next();
    expect(next.value.converged).toBe(true);
  });
});
