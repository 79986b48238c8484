import { describe, expect, it } from 'vitest';
import { computeConsensus, type BipolarFramework } from '../../../projections/consensus';
import { gradualStrength } from '../../../projections/consensus/df-quad';
import {
  quadraticEnergyAggregate,
  quadraticEnergyInfluence,
  quadraticEnergyStrength,
  quadraticImpact,
} from '../../../projections/consensus/quadratic-energy';
import { framework, uniform } from './frameworks';

const qe = (fw: BipolarFramework) => computeConsensus(fw, { semantics: 'quadratic-energy' });

describe('quadratic energy building blocks', () => {
  it('has the impact h(x) = max(0, x)² / (1 + max(0, x)²)', () => {
    expect(quadraticImpact(0)).toBe(0);
    expect(quadraticImpact(-3)).toBe(0);
    expect(quadraticImpact(1)).toBe(0.5);
    expect(quadraticImpact(2)).toBeCloseTo(0.8, 15);
    expect(quadraticImpact(0.5)).toBeCloseTo(0.2, 15);
  });

  it('aggregates the energy Σ supporters − Σ attackers', () => {
    expect(quadraticEnergyAggregate([], [])).toBe(0);
    expect(quadraticEnergyAggregate([0.25, 0.5], [1])).toBe(0.25);
    expect(quadraticEnergyAggregate([0.5], [0.5])).toBe(0);
  });

  it('moves the base toward 1 by (1 − τ)·h(E) and toward 0 by τ·h(−E)', () => {
    expect(quadraticEnergyInfluence(0.5, 0)).toBe(0.5);
    expect(quadraticEnergyInfluence(0.5, 1)).toBe(0.75);
    expect(quadraticEnergyInfluence(0.5, -1)).toBe(0.25);
    expect(quadraticEnergyInfluence(0.2, 2)).toBeCloseTo(0.2 + 0.8 * 0.8, 15);
    expect(quadraticEnergyInfluence(0.2, -2)).toBeCloseTo(0.2 - 0.2 * 0.8, 15);
    expect(quadraticEnergyInfluence(0, 5)).toBeCloseTo(25 / 26, 15);
    expect(quadraticEnergyInfluence(1, -5)).toBeCloseTo(1 / 26, 15);
    expect(quadraticEnergyStrength(0.5, [0.5], [1, 0.5])).toBe(0.75);
    expect(gradualStrength('quadratic-energy', 0.5, [0.5], [1, 0.5])).toBe(0.75);
  });

  it('never reaches 0 or 1 from inside (0, 1) for any finite energy', () => {
    for (const energy of [-1e6, -10, 10, 1e6]) {
      const value = quadraticEnergyInfluence(0.5, energy);
      expect(value).toBeGreaterThan(0);
      expect(value).toBeLessThan(1);
    }
  });
});

describe('quadratic energy semantics: published example', () => {
  it('reproduces Čyras, Kampik and Weng (2022), Example 4.1: a 0.519, b 0.172, c 0.625', () => {
    // "Dispute Trees as Explanations in Quantitative (Bipolar) Argumentation", ArgXAI 2022
    // (CEUR-WS Vol-3209, paper 0872), Example 4.1 under QE, as given with its final strengths in
    // the authors' notebook (github.com/kcyras/QDT, exampleQDT.ipynb):
    // arg(a, 0.5) → 0.519, arg(b, 0.2) → 0.172, arg(c, 0.85) → 0.625, arg(d, 0.65) → 0.65,
    // arg(e, 0.4) → 0.4, arg(f, 1) → 1; supp(b, a), att(c, a), supp(d, a), att(e, b), supp(e, c),
    // att(f, c).
    const result = qe(
      framework(
        { a: 0.5, b: 0.2, c: 0.85, d: 0.65, e: 0.4, f: 1 },
        [['c', 'a'], ['e', 'b'], ['f', 'c']],
        [['b', 'a'], ['d', 'a'], ['e', 'c']],
      ),
    );
    const s = result.strength;
    expect(s.a).toBeCloseTo(0.519, 3);
    expect(s.b).toBeCloseTo(0.172, 3);
    expect(s.c).toBeCloseTo(0.625, 3);
    expect(s.d).toBe(0.65);
    expect(s.e).toBe(0.4);
    expect(s.f).toBe(1);
    // And in closed form: E(b) = −0.4, so b = 0.2·(1 − 0.16/1.16) = 0.2/1.16; E(c) = 0.4 − 1, so
    // c = 0.85·(1 − 0.36/1.36) = 0.85/1.36 = 0.625; E(a) = b + d − c, a = 0.5 + 0.5·h(E(a)); the
    // notebook prints a = 0.51875517241626.
    expect(s.b).toBeCloseTo(0.2 / 1.16, 14);
    expect(s.c).toBeCloseTo(0.625, 14);
    const energy = 0.2 / 1.16 + 0.65 - 0.625;
    expect(s.a).toBeCloseTo(0.5 + (0.5 * energy ** 2) / (1 + energy ** 2), 14);
    expect(s.a).toBeCloseTo(0.51875517241626, 12);
    expect(result.converged).toBe(true);
  });

  it("reproduces Potyka's stock example with its buy ⇄ sell cycle to the published precision", () => {
    // The stock-trading example of Potyka's tutorial for continuous weighted bipolar argumentation
    // (arXiv:1811.12787), as the author's library Uncertainpy encodes it (examples/example.bag) and
    // solves it under QE with RK4 to ε = 1e-3 (examples/gradual/gradual_argumentation_examples.ipynb):
    // Buy 0.8208, Sell 0.3635, 1 0.2049, 2 0.8050, 3 0.1658, 4 0.9, 5 0.9. That solver stops at a
    // derivative below 1e-3, so the values agree to two decimals, not more.
    const result = qe(
      framework(
        { Buy: 0.5, Sell: 0.5, '1': 0.8, '2': 0.7, '3': 0.3, '4': 0.9, '5': 0.9 },
        [['Buy', 'Sell'], ['Sell', 'Buy'], ['2', '1'], ['3', '2'], ['4', '3'], ['5', '1']],
        [['1', 'Sell'], ['2', 'Buy'], ['4', '2'], ['5', 'Buy']],
      ),
    );
    const published = { Buy: 0.8208, Sell: 0.3635, '1': 0.2049, '2': 0.805, '3': 0.1658, '4': 0.9, '5': 0.9 };
    expect(result.converged).toBe(true);
    for (const [id, value] of Object.entries(published)) expect(result.strength[id]).toBeCloseTo(value, 2);
    // Off the cycle the values are exact: 3 = 0.3 − 0.3·h(0.9) = 0.3/1.81.
    expect(result.strength['3']).toBeCloseTo(0.3 / 1.81, 14);
  });
});

describe('quadratic energy semantics: worked by hand', () => {
  it('settles two full-strength rivals at the real root of σ³ + σ − 1 = 0', () => {
    // σ = 1 − h(σ) = 1 / (1 + σ²); by Cardano, σ = ∛(1/2 + √(31/108)) + ∛(1/2 − √(31/108)).
    const root = Math.cbrt(0.5 + Math.sqrt(31 / 108)) + Math.cbrt(0.5 - Math.sqrt(31 / 108));
    expect(root ** 3 + root - 1).toBeCloseTo(0, 14);
    const result = qe(uniform('a b', 1, [['a', 'b'], ['b', 'a']]));
    expect(result.converged).toBe(true);
    expect(result.strength.a).toBeCloseTo(root, 8);
    expect(result.strength.b).toBeCloseTo(root, 8);
  });

  it('solves a self-attacker: σ = τ / (1 + σ²)', () => {
    const result = qe(framework({ s: 0.5 }, [['s', 's']]));
    const s = result.strength.s!;
    expect(result.converged).toBe(true);
    expect(Math.abs(s - 0.5 / (1 + s * s))).toBeLessThanOrEqual(1e-9);
  });

  it('adds support up where DF-QuAD saturates', () => {
    // Base 0.5 with k supporters at 0.9: DF-QuAD 0.5 + 0.5·(1 − 0.1^k); QE 0.5 + 0.5·h(0.9k).
    const supported = (k: number) =>
      framework(
        Object.fromEntries([['a', 0.5], ...Array.from({ length: k }, (_, i) => [`s${i}`, 0.9])]),
        [],
        Array.from({ length: k }, (_, i) => [`s${i}`, 'a'] as [string, string]),
      );
    const dfQuad = [1, 2, 3].map((k) => computeConsensus(supported(k)).strength.a!);
    const energy = [1, 2, 3].map((k) => qe(supported(k)).strength.a!);
    expect(dfQuad[0]).toBeCloseTo(0.95, 12);
    expect(dfQuad[1]).toBeCloseTo(0.995, 12);
    expect(dfQuad[2]).toBeCloseTo(0.9995, 12);
    const h = (x: number) => (x * x) / (1 + x * x);
    energy.forEach((value, i) => expect(value).toBeCloseTo(0.5 + 0.5 * h(0.9 * (i + 1)), 12));
    // The second and third supporters still count under QE (+0.16, +0.06), hardly under DF-QuAD.
    expect(energy[1]! - energy[0]!).toBeGreaterThan(0.15);
    expect(dfQuad[1]! - dfQuad[0]!).toBeLessThan(0.05);
  });

  it('lets equal attack and support cancel, and computes grounded labels as DF-QuAD does', () => {
    const fw = framework({ a: 0.7, b: 0.6, c: 0.6, d: 0.5 }, [['b', 'a'], ['d', 'b']], [['c', 'a']]);
    const energy = qe(fw);
    const dfQuad = computeConsensus(fw);
    expect(energy.strength.c).toBe(0.6);
    // b = 0.6 − 0.6·h(0.5) = 0.48; a's energy is 0.6 − 0.48.
    expect(energy.strength.b).toBeCloseTo(0.48, 15);
    expect(energy.strength.a).toBeCloseTo(0.7 + 0.3 * h(0.12), 15);
    expect({ ...energy.grounded }).toEqual({ ...dfQuad.grounded });

    function h(x: number) {
      return (x * x) / (1 + x * x);
    }
  });
});
