import { describe, expect, it } from 'vitest';
import { computeConsensus, type BipolarFramework } from '../../../projections/consensus';
import { explainArgument } from '../../../projections/consensus/explain';
import { framework, uniform } from './frameworks';

const explain = (fw: BipolarFramework, id: string, nameOf?: (id: string) => string) =>
  explainArgument(fw, computeConsensus(fw), id, { nameOf });

describe('explainArgument', () => {
  it('reports a single attacker and the drop it causes: 0.5 → 0.2', () => {
    const e = explain(framework({ a: 0.5, b: 0.6 }, [['b', 'a']]), 'a');
    expect(e).toMatchObject({ id: 'a', base: 0.5, grounded: 'out', supporters: [] });
    expect(e.strength).toBeCloseTo(0.2, 12);
    expect(e.attackers).toHaveLength(1);
    expect(e.attackers[0]).toMatchObject({ id: 'b', relation: 'attack', strength: 0.6, grounded: 'in' });
    expect(e.attackers[0]!.effect).toBeCloseTo(-0.3, 12);
    expect(e.summary).toBe(
      '"a" has strength 0.20 from base 0.50, attacked by "b" (-0.30); grounded out, as "b" stands against it.',
    );
  });

  it('ranks several contributors by how far each one moved the claim', () => {
    // With all three: 0.8 − 0.8·(0.7 − 0.1) = 0.32. Without b: 0.8 − 0.8·(0.4 − 0.1) = 0.56;
    // without c: 0.8 − 0.8·(0.5 − 0.1) = 0.48; without d: 0.8 − 0.8·0.7 = 0.24.
    const fw = framework({ a: 0.8, b: 0.5, c: 0.4, d: 0.1 }, [['c', 'a'], ['b', 'a']], [['d', 'a']]);
    const e = explain(fw, 'a');
    expect(e.strength).toBeCloseTo(0.32, 12);
    expect(e.attackers.map((c) => c.id)).toEqual(['b', 'c']);
    expect(e.attackers[0]!.effect).toBeCloseTo(-0.24, 12);
    expect(e.attackers[1]!.effect).toBeCloseTo(-0.16, 12);
    expect(e.supporters[0]!.effect).toBeCloseTo(0.08, 12);
    expect(e.summary).toBe(
      '"a" has strength 0.32 from base 0.80, attacked by "b" (-0.24), "c" (-0.16); supported by "d" (+0.08); ' +
        'grounded out, as "b", "c" stand against it.',
    );
  });

  it('says so when nothing bears on the argument', () => {
    expect(explain(framework({ a: 0.5 }), 'a').summary).toBe(
      '"a" keeps its base strength 0.50: nothing attacks or supports it, so it is grounded in.',
    );
  });

  it('explains reinstatement in words', () => {
    const e = explain(uniform('a b c', 0.5, [['b', 'a'], ['c', 'b']]), 'a');
    expect(e.summary).toContain('grounded in, as every attacker is out');
  });

  it('recomputes the cycle for a contributor on it: without b → a, a is 0.5 again', () => {
    const e = explain(uniform('a b', 0.5, [['a', 'b'], ['b', 'a']]), 'a');
    expect(e.attackers[0]!.effect).toBeCloseTo(1 / 3 - 0.5, 8);
    expect(e.summary).toContain('grounded undecided');
  });

  it('handles a self-attack as its own contributor', () => {
    const e = explain(framework({ s: 0.5 }, [['s', 's']]), 's');
    expect(e.attackers[0]!.id).toBe('s');
    expect(e.attackers[0]!.effect).toBeCloseTo(1 / 3 - 0.5, 8);
  });

  it('names arguments through nameOf and shortens long lists', () => {
    const fw = uniform('a b c d e f', 0.5, [['b', 'a'], ['c', 'a'], ['d', 'a'], ['e', 'a'], ['f', 'a']]);
    const e = explain(fw, 'a', (id) => `claim ${id.toUpperCase()}`);
    expect(e.summary).toMatch(/^claim A has strength 0\.02 from base 0\.50, attacked by claim B \(-0\.0\d\), claim C/);
    expect(e.summary).toContain('and 2 more');
    expect(e.summary).toContain('grounded out, as claim B, claim C, claim D, claim E, claim F stand against it');
  });

  it('explains under the semantics it is given: quadratic energy', () => {
    // a = 0.5 attacked by b = 0.6: energy −0.6, h(0.6) = 0.36/1.36, so a = 0.5 − 0.5·0.36/1.36.
    const fw = framework({ a: 0.5, b: 0.6 }, [['b', 'a']]);
    const options = { semantics: 'quadratic-energy' as const };
    const e = explainArgument(fw, computeConsensus(fw, options), 'a', options);
    const a = 0.5 - (0.5 * 0.36) / 1.36;
    expect(e.strength).toBeCloseTo(a, 12);
    expect(e.attackers[0]!.effect).toBeCloseTo(a - 0.5, 12);
    expect(e.summary).toBe(
      '"a" has strength 0.37 from base 0.50, attacked by "b" (-0.13); grounded out, as "b" stands against it.',
    );
  });

  it('recomputes a quadratic-energy cycle without the edge: a ⇄ b at base 1 without b → a leaves a at 1', () => {
    const fw = uniform('a b', 1, [['a', 'b'], ['b', 'a']]);
    const options = { semantics: 'quadratic-energy' as const };
    const e = explainArgument(fw, computeConsensus(fw, options), 'a', options);
    // With both edges σ³ + σ − 1 = 0; without b → a nothing moves a from its base 1.
    const root = Math.cbrt(0.5 + Math.sqrt(31 / 108)) + Math.cbrt(0.5 - Math.sqrt(31 / 108));
    expect(e.strength).toBeCloseTo(root, 8);
    expect(e.attackers[0]!.effect).toBeCloseTo(root - 1, 8);
  });

  it('explains a member of a large clique, recomputing the clique once per edge', () => {
    const ids = Array.from({ length: 30 }, (_, i) => `c${String(i).padStart(2, '0')}`);
    const fw = uniform(
      ids.join(' '),
      1,
      ids.flatMap((x) => ids.filter((y) => y !== x).map((y) => [x, y] as [string, string])),
    );
    for (const semantics of ['df-quad', 'quadratic-energy'] as const) {
      const result = computeConsensus(fw, { semantics });
      expect(result.converged).toBe(true);
      const e = explainArgument(fw, result, 'c00', { semantics });
      expect(e.attackers).toHaveLength(29);
      // By symmetry every attacker has the same effect, and each lowers c00.
      for (const c of e.attackers) {
        expect(c.effect).toBeLessThan(0);
        expect(c.effect).toBeCloseTo(e.attackers[0]!.effect, 6);
      }
    }
  });

  it('rejects an unknown id naming the field', () => {
    const fw = framework({ a: 0.5 });
    expect(() => explainArgument(fw, computeConsensus(fw), 'zz')).toThrow('id: unknown argument "zz"');
  });
});
