import { describe, expect, it } from 'vitest';
import { computeConsensus } from '../../../projections/consensus';
import {
  aggregate,
  combine,
  dfQuadAggregate,
  dfQuadInfluence,
  gradualStrength,
} from '../../../projections/consensus/df-quad';
import { framework, uniform } from './frameworks';

const strengthOf = (...args: Parameters<typeof computeConsensus>) => computeConsensus(...args).strength;

describe('DF-QuAD building blocks', () => {
  it('aggregates nothing to 0 and a multiset to 1 − Π(1 − v)', () => {
    expect(aggregate([])).toBe(0);
    expect(aggregate([0.6])).toBeCloseTo(0.6, 12);
    expect(aggregate([0.5, 0.4])).toBeCloseTo(0.7, 12);
    expect(aggregate([0.5, 0.5, 0.5])).toBeCloseTo(0.875, 12);
  });

  it('combines toward 0 when attack wins and toward 1 when support wins', () => {
    expect(combine(0.5, 0.6, 0)).toBeCloseTo(0.2, 12);
    expect(combine(0.5, 0, 0.6)).toBeCloseTo(0.8, 12);
    expect(combine(0.7, 0.3, 0.3)).toBe(0.7);
    expect(combine(0.8, 0.7, 0.9)).toBeCloseTo(0.84, 12);
    expect(combine(1, 1, 0)).toBe(0);
    expect(combine(0, 0, 1)).toBe(1);
  });

  it('splits into the modular aggregation F(supporters) − F(attackers) and influence, bit for bit', () => {
    expect(dfQuadAggregate([0.5, 0.4], [0.9])).toBeCloseTo(0.2, 12);
    expect(dfQuadInfluence(0.8, 0.2)).toBeCloseTo(0.84, 12);
    expect(dfQuadInfluence(0.5, -0.6)).toBeCloseTo(0.2, 12);
    expect(dfQuadInfluence(0.7, 0)).toBe(0.7);
    for (const [v0, va, vs] of [[0.5, 0.6, 0], [0.8, 0.7, 0.9], [0.3, 0.3, 0.3], [1, 1, 0], [0.13, 0.91, 0.37]] as const) {
      expect(dfQuadInfluence(v0, vs - va)).toBe(combine(v0, va, vs));
      expect(gradualStrength('df-quad', v0, [va], [vs])).toBe(combine(v0, aggregate([va]), aggregate([vs])));
    }
  });
});

describe("DF-QuAD's published e-democracy example (Rago et al., KR 2016)", () => {
  // Two answers A1, A2 to a policy question; pros P1–P3 and cons C1–C4 with their base scores, as
  // Potyka encodes the example in his library Uncertainpy (examples/gradual/BAG/
  // RagoEtAlEDemocracy.bag); its DF-QuAD run by forward propagation
  // (examples/gradual/gradual_argumentation_examples.ipynb) prints A1 0.862, A2 0.85, P2 0.08.
  const eDemocracy = framework(
    { A1: 0.5, A2: 0.5, P1: 0.7, P2: 0.5, P3: 0.9, C1: 0.2, C2: 0.2, C3: 0.6, C4: 0.5 },
    [['C1', 'A2'], ['C2', 'P2'], ['C3', 'P2'], ['C4', 'P2']],
    [['P1', 'A1'], ['P2', 'A1'], ['P3', 'A2']],
  );

  it('gives A1 0.862, A2 0.85, P2 0.08 and leaves the unopposed arguments at their bases', () => {
    const result = computeConsensus(eDemocracy);
    const s = result.strength;
    // P2: attack F(0.2, 0.6, 0.5) = 1 − 0.8·0.4·0.5 = 0.84, so 0.5 − 0.5·0.84 = 0.08.
    expect(s.P2).toBeCloseTo(0.08, 12);
    // A1: support F(0.7, 0.08) = 1 − 0.3·0.92 = 0.724, so 0.5 + 0.5·0.724 = 0.862.
    expect(s.A1).toBeCloseTo(0.862, 12);
    // A2: support 0.9 against attack 0.2, so 0.5 + 0.5·0.7 = 0.85.
    expect(s.A2).toBeCloseTo(0.85, 12);
    for (const id of ['P1', 'P3', 'C1', 'C2', 'C3', 'C4']) {
      expect(s[id]).toBe(eDemocracy.arguments.find((a) => a.id === id)!.base);
    }
    expect(result).toMatchObject({ converged: true, iterations: 0 });
  });

  it('is what computeConsensus gives with semantics "df-quad" spelled out, and differs under QE', () => {
    const plain = computeConsensus(eDemocracy);
    expect(computeConsensus(eDemocracy, { semantics: 'df-quad' })).toEqual(plain);
    expect(computeConsensus(eDemocracy, { semantics: 'quadratic-energy' }).strength.A1).not.toBeCloseTo(0.862, 2);
  });
});

describe('computeConsensus strength on acyclic frameworks', () => {
  it('lowers a claim by a single attacker: 0.5 − 0.5·0.6 = 0.2', () => {
    const s = strengthOf(framework({ a: 0.5, b: 0.6 }, [['b', 'a']]));
    expect(s.a).toBeCloseTo(0.2, 12);
    expect(s.b).toBe(0.6);
  });

  it('raises a claim by a single supporter: 0.5 + 0.5·0.6 = 0.8', () => {
    expect(strengthOf(framework({ a: 0.5, b: 0.6 }, [], [['b', 'a']])).a).toBeCloseTo(0.8, 12);
  });

  it('leaves the base score when attack equals support', () => {
    const s = strengthOf(framework({ a: 0.7, b: 0.6, c: 0.6 }, [['b', 'a']], [['c', 'a']]));
    expect(s.a).toBe(0.7);
  });

  it('counts an argument that both attacks and supports as cancelling itself', () => {
    expect(strengthOf(framework({ a: 0.3, b: 0.9 }, [['b', 'a']], [['b', 'a']])).a).toBe(0.3);
  });

  it('follows a chain of rebuttals of rebuttals: d → c → b → a at 0.5 each', () => {
    const s = strengthOf(uniform('a b c d', 0.5, [['b', 'a'], ['c', 'b'], ['d', 'c']]));
    expect(s.d).toBe(0.5);
    expect(s.c).toBeCloseTo(0.25, 12);
    expect(s.b).toBeCloseTo(0.375, 12);
    expect(s.a).toBeCloseTo(0.3125, 12);
  });

  it('follows a chain of supports: c → b → a at 0.5 each gives 0.75, then 0.875', () => {
    const s = strengthOf(uniform('a b c', 0.5, [], [['b', 'a'], ['c', 'b']]));
    expect(s.c).toBe(0.5);
    expect(s.b).toBeCloseTo(0.75, 12);
    expect(s.a).toBeCloseTo(0.875, 12);
  });

  it('follows a mixed chain: d supports c, c attacks b, b supports a', () => {
    // c = 0.4 + 0.6·0.5 = 0.7; b = 0.6 − 0.6·0.7 = 0.18; a = 0.2 + 0.8·0.18 = 0.344.
    const s = strengthOf(framework({ a: 0.2, b: 0.6, c: 0.4, d: 0.5 }, [['c', 'b']], [['d', 'c'], ['b', 'a']]));
    expect(s.c).toBeCloseTo(0.7, 12);
    expect(s.b).toBeCloseTo(0.18, 12);
    expect(s.a).toBeCloseTo(0.344, 12);
  });

  it('weakens an attack by supporting the rebuttal: b at 0.75 takes a to 0.125', () => {
    const s = strengthOf(uniform('a b c', 0.5, [['b', 'a']], [['c', 'b']]));
    expect(s.b).toBeCloseTo(0.75, 12);
    expect(s.a).toBeCloseTo(0.125, 12);
  });

  it('aggregates several attackers: 0.5 and 0.4 give 0.7, taking 0.8 to 0.24', () => {
    const s = strengthOf(framework({ a: 0.8, b: 0.5, c: 0.4 }, [['b', 'a'], ['c', 'a']]));
    expect(s.a).toBeCloseTo(0.24, 12);
  });

  it('lets aggregated support beat aggregated attack: 0.8 + 0.2·(0.9 − 0.7) = 0.84', () => {
    const s = strengthOf(framework({ a: 0.8, b: 0.5, c: 0.4, d: 0.9 }, [['b', 'a'], ['c', 'a']], [['d', 'a']]));
    expect(s.a).toBeCloseTo(0.84, 12);
  });

  it('aggregates several supporters: two at 0.5 give 0.75, taking 0.5 to 0.875', () => {
    expect(strengthOf(uniform('a s t', 0.5, [], [['s', 'a'], ['t', 'a']])).a).toBeCloseTo(0.875, 12);
  });

  it('handles a shared ancestor (a diamond) exactly', () => {
    const s = strengthOf(uniform('a b c e', 0.5, [['b', 'a'], ['c', 'a'], ['e', 'b'], ['e', 'c']]));
    expect(s.b).toBeCloseTo(0.25, 12);
    expect(s.c).toBeCloseTo(0.25, 12);
    expect(s.a).toBeCloseTo(0.5 - 0.5 * (1 - 0.75 * 0.75), 12);
  });

  it('keeps bases of 0 and 1 in range at the extremes', () => {
    const s = strengthOf(
      framework({ zero: 0, one: 1, full: 1, lifted: 0 }, [['full', 'one']], [['full', 'lifted'], ['full', 'zero']]),
    );
    expect(s.one).toBe(0);
    expect(s.lifted).toBe(1);
  });

  it('counts a repeated edge once', () => {
    const s = strengthOf(framework({ a: 0.5, b: 0.6 }, [['b', 'a'], ['b', 'a'], ['b', 'a']]));
    expect(s.a).toBeCloseTo(0.2, 12);
  });

  it('is exact on acyclic graphs: converged, no iterations', () => {
    const result = computeConsensus(uniform('a b c d', 0.5, [['b', 'a'], ['c', 'b']], [['d', 'a']]));
    expect(result.converged).toBe(true);
    expect(result.iterations).toBe(0);
  });

  it('returns empty results for an empty framework', () => {
    expect(computeConsensus({ arguments: [], attacks: [], supports: [] })).toEqual({
      strength: {},
      grounded: {},
      converged: true,
      iterations: 0,
    });
  });
});
