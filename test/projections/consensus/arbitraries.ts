import fc from 'fast-check';
import type { BipolarFramework } from '../../../projections/consensus';

type Edge = [from: string, to: string];

/** Base scores, with the extremes and the neutral point over-represented. */
export const baseScore = (): fc.Arbitrary<number> =>
  fc.oneof(fc.constantFrom(0, 0.5, 1), fc.double({ min: 0, max: 1, noNaN: true }));

const id = (i: number) => `arg-${i}`;
const argumentsOf = (n: number) =>
  fc.array(baseScore(), { minLength: n, maxLength: n }).map((bases) => bases.map((base, i) => ({ id: id(i), base })));

/** Up to `maxArguments` arguments with random attacks and supports: cycles, self-loops, repeats. */
export const anyFramework = (maxArguments = 8): fc.Arbitrary<BipolarFramework> =>
  fc.integer({ min: 1, max: maxArguments }).chain((n) => {
    const edge = fc.tuple(fc.nat(n - 1), fc.nat(n - 1)).map(([from, to]): Edge => [id(from), id(to)]);
    return fc.record({
      arguments: argumentsOf(n),
      attacks: fc.array(edge, { maxLength: 2 * n }),
      supports: fc.array(edge, { maxLength: 2 * n }),
    });
  });

/** Acyclic: every edge goes from a higher-numbered argument to a lower-numbered one. */
export const acyclicFramework = (maxArguments = 8): fc.Arbitrary<BipolarFramework> =>
  fc.integer({ min: 2, max: maxArguments }).chain((n) => {
    const edge = fc
      .tuple(fc.nat(n - 1), fc.nat(n - 1))
      .filter(([a, b]) => a !== b)
      .map(([a, b]): Edge => [id(Math.max(a, b)), id(Math.min(a, b))]);
    return fc.record({
      arguments: argumentsOf(n),
      attacks: fc.array(edge, { maxLength: 2 * n }),
      supports: fc.array(edge, { maxLength: 2 * n }),
    });
  });

/** Attackers of each argument, from the edge list (repeats collapsed). */
export function attackersIn(framework: BipolarFramework): (id: string) => string[] {
  const attackers = new Map<string, Set<string>>();
  for (const [from, to] of framework.attacks) attackers.set(to, (attackers.get(to) ?? new Set()).add(from));
  return (target) => [...(attackers.get(target) ?? [])];
}
