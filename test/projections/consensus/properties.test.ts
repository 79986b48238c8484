import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeConsensus, type BipolarFramework, type GroundedStatus } from '../../../projections/consensus';
import type { Semantics } from '../../../projections/consensus/types';
import { acyclicFramework, anyFramework, attackersIn, baseScore } from './arbitraries';
import { seeded, shuffle } from './frameworks';

const RUNS = { numRuns: 300 };

/** The grounded extension by its definition: the least fixed point of F(S) = {a : S defends a}, from ∅. */
function groundedByDefinition(framework: BipolarFramework): Record<string, GroundedStatus> {
  const attackers = attackersIn(framework);
  const ids = framework.arguments.map((a) => a.id);
  let extension = new Set<string>();
  for (;;) {
    const defended = new Set(ids.filter((a) => attackers(a).every((b) => attackers(b).some((c) => extension.has(c)))));
    if (defended.size === extension.size) break;
    extension = defended;
  }
  return Object.fromEntries(
    ids.map((a) => [a, extension.has(a) ? 'in' : attackers(a).some((b) => extension.has(b)) ? 'out' : 'undec']),
  );
}

describe.each(['df-quad', 'quadratic-energy'] as const)('computeConsensus strength properties under %s (fast-check)', (semantics: Semantics) => {
  const strengthOf = (framework: BipolarFramework) => computeConsensus(framework, { semantics }).strength;

  it('keeps every strength within [0, 1]', () => {
    fc.assert(
      fc.property(anyFramework(), (framework) => {
        for (const value of Object.values(strengthOf(framework))) {
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(1);
        }
      }),
      RUNS,
    );
  });

  it('on acyclic frameworks, a new supporter never lowers its target and a new attacker never raises it', () => {
    // Only the target: what the target attacks or supports downstream can move either way.
    fc.assert(
      fc.property(acyclicFramework(), fc.nat(), baseScore(), fc.boolean(), (framework, pick, base, asSupport) => {
        const target = framework.arguments[pick % framework.arguments.length]!.id;
        const newcomer = { id: 'newcomer', base };
        const edge: [string, string] = ['newcomer', target];
        const before = strengthOf(framework)[target]!;
        const after = strengthOf({
          arguments: [...framework.arguments, newcomer],
          attacks: asSupport ? framework.attacks : [...framework.attacks, edge],
          supports: asSupport ? [...framework.supports, edge] : framework.supports,
        })[target]!;
        if (asSupport) expect(after).toBeGreaterThanOrEqual(before);
        else expect(after).toBeLessThanOrEqual(before);
      }),
      RUNS,
    );
  });

  it('on acyclic frameworks, an existing argument turned supporter or attacker moves its target the same way', () => {
    fc.assert(
      fc.property(acyclicFramework(), fc.nat(), fc.nat(), fc.boolean(), (framework, a, b, asSupport) => {
        const n = framework.arguments.length;
        const [low, high] = [Math.min(a % n, b % n), Math.max(a % n, b % n)];
        fc.pre(low !== high);
        // From higher- to lower-numbered keeps the framework acyclic.
        const edge: [string, string] = [`arg-${high}`, `arg-${low}`];
        const before = strengthOf(framework)[edge[1]]!;
        const after = strengthOf({
          ...framework,
          attacks: asSupport ? framework.attacks : [...framework.attacks, edge],
          supports: asSupport ? [...framework.supports, edge] : framework.supports,
        })[edge[1]]!;
        if (asSupport) expect(after).toBeGreaterThanOrEqual(before);
        else expect(after).toBeLessThanOrEqual(before);
      }),
      RUNS,
    );
  });

  it('is deterministic: the same input twice, or shuffled, gives the identical result', () => {
    fc.assert(
      fc.property(anyFramework(), fc.integer(), (framework, seed) => {
        const expected = JSON.stringify(computeConsensus(framework, { semantics }));
        expect(JSON.stringify(computeConsensus(framework, { semantics }))).toBe(expected);
        const random = seeded(seed);
        const shuffled: BipolarFramework = {
          arguments: shuffle(framework.arguments, random),
          attacks: shuffle(framework.attacks, random),
          supports: shuffle(framework.supports, random),
        };
        expect(JSON.stringify(computeConsensus(shuffled, { semantics }))).toBe(expected);
      }),
      RUNS,
    );
  });
});

describe('computeConsensus grounded properties (fast-check)', () => {
  it('labels the grounded in-set conflict-free and defending its members, with every label justified', () => {
    fc.assert(
      fc.property(anyFramework(), (framework) => {
        const { grounded } = computeConsensus(framework);
        const attackers = attackersIn(framework);
        for (const { id } of framework.arguments) {
          const status = grounded[id];
          const against = attackers(id);
          if (status === 'in') {
            // Conflict-free: no member attacks a member.
            expect(against.some((b) => grounded[b] === 'in')).toBe(false);
            // Defends its members: every attacker is attacked by a member.
            for (const b of against) expect(attackers(b).some((c) => grounded[c] === 'in')).toBe(true);
            expect(against.every((b) => grounded[b] === 'out')).toBe(true);
          } else if (status === 'out') {
            expect(against.some((b) => grounded[b] === 'in')).toBe(true);
          } else {
            expect(against.some((b) => grounded[b] === 'in')).toBe(false);
            expect(against.every((b) => grounded[b] === 'out')).toBe(false);
          }
        }
      }),
      RUNS,
    );
  });

  it('gives the least such labelling: the grounded extension by definition', () => {
    fc.assert(
      fc.property(anyFramework(10), (framework) => {
        expect({ ...computeConsensus(framework).grounded }).toEqual(groundedByDefinition(framework));
      }),
      RUNS,
    );
  });
});
