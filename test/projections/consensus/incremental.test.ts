import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BipolarFramework } from '../../../projections/consensus';
import { indexFramework } from '../../../projections/consensus/framework';
import {
  changedArguments,
  resolveDownstream,
  residualOf,
  solveFramework,
  type FrameworkSolution,
  type RegionSolution,
} from '../../../projections/consensus/incremental';
import type { Semantics } from '../../../projections/consensus/types';
import { baseScore } from './arbitraries';
import { framework, uniform } from './frameworks';

let settings: { tolerance: number; maxIterations: number; semantics?: Semantics } = { tolerance: 1e-9, maxIterations: 1000 };
const solve = (fw: BipolarFramework) => solveFramework(indexFramework(fw), settings);
const again = (previous: FrameworkSolution, fw: BipolarFramework, changed: string[]) =>
  resolveDownstream(previous, indexFramework(fw), changed, settings);
const ids = (solution: RegionSolution) => solution.region.map((v) => solution.framework.ids[v]);

/** Incremental equals full: strengths to 1e-9 (in fact bit for bit), labels and convergence exactly. */
function expectSameAsFull(incremental: FrameworkSolution, fw: BipolarFramework): void {
  const full = solve(fw);
  expect(incremental.framework.ids).toEqual(full.framework.ids);
  full.framework.ids.forEach((_, v) => {
    expect(Math.abs(incremental.strength[v]! - full.strength[v]!)).toBeLessThanOrEqual(1e-9);
  });
  expect(Array.from(incremental.strength)).toEqual(Array.from(full.strength));
  expect(incremental.grounded).toEqual(full.grounded);
  expect(Array.from(incremental.sweeps)).toEqual(Array.from(full.sweeps));
  expect(Array.from(incremental.settled)).toEqual(Array.from(full.settled));
  expect(Array.from(incremental.residuals)).toEqual(Array.from(full.residuals));
}

describe('resolveDownstream by example', () => {
  it('recomputes only what lies downstream of a changed base', () => {
    // up → mid → down, and an unrelated pair side → other.
    const edges: [string, string][] = [['up', 'mid'], ['mid', 'down'], ['side', 'other']];
    const before = framework({ up: 0.5, mid: 0.5, down: 0.5, side: 0.5, other: 0.5 }, edges);
    const after = framework({ up: 0.5, mid: 0.9, down: 0.5, side: 0.5, other: 0.5 }, edges);
    const solution = again(solve(before), after, ['mid']);
    expect(ids(solution)).toEqual(['down', 'mid']);
    expectSameAsFull(solution, after);
  });

  it('recomputes nothing when nothing changed', () => {
    const fw = uniform('a b c', 0.5, [['a', 'b'], ['b', 'a'], ['b', 'c']]);
    const solution = again(solve(fw), fw, []);
    expect(solution.region).toEqual([]);
    expectSameAsFull(solution, fw);
  });

  it('finds new and removed arguments unnamed, and recomputes what the removed one bore on', () => {
    const before = uniform('a b c', 0.5, [['a', 'b'], ['c', 'a']]);
    const after = uniform('a b d', 0.5, [['a', 'b'], ['d', 'b']]);
    const solution = again(solve(before), after, []);
    expect(ids(solution)).toEqual(['a', 'b', 'd']);
    expectSameAsFull(solution, after);
  });

  it('needs only one end of a new edge named', () => {
    const before = uniform('a b', 0.5);
    const after = uniform('a b', 0.5, [['a', 'b']]);
    expectSameAsFull(again(solve(before), after, ['a']), after);
    expectSameAsFull(again(solve(before), after, ['b']), after);
  });

  it('re-labels a cycle from undec when the argument that resolved it goes: not left at its old in/out', () => {
    const before = uniform('a b c', 0.5, [['a', 'b'], ['b', 'a'], ['c', 'a']]);
    const previous = solve(before);
    expect(previous.grounded).toEqual(['out', 'in', 'in']);
    const after = uniform('a b c', 0.5, [['a', 'b'], ['b', 'a']]);
    const solution = again(previous, after, ['c']);
    expect(solution.grounded).toEqual(['undec', 'undec', 'in']);
    expectSameAsFull(solution, after);
  });

  it('re-labels with fixed upstream labels: an in attacker outside the region defeats at once', () => {
    const before = uniform('x a b', 0.5, [['x', 'a'], ['a', 'b']]);
    const after = uniform('x a b', 0.5, [['x', 'a'], ['a', 'b'], ['b', 'a']]);
    const solution = again(solve(before), after, ['b']);
    expect(ids(solution)).toEqual(['a', 'b']);
    expect(solution.grounded).toEqual(['out', 'in', 'in']);
    expectSameAsFull(solution, after);
  });

  it('solves everything again when the settings differ from those of the previous solution', () => {
    const fw = uniform('a b c', 0.5, [['a', 'b'], ['b', 'a'], ['b', 'c']]);
    const previous = solve(fw);
    expect(previous.settings).toEqual({ tolerance: 1e-9, maxIterations: 1000, semantics: 'df-quad' });
    for (const changed of [
      { tolerance: 1e-9, maxIterations: 1000, semantics: 'quadratic-energy' as const },
      { tolerance: 1e-6, maxIterations: 1000 },
      { tolerance: 1e-9, maxIterations: 10 },
    ]) {
      const solution = resolveDownstream(previous, indexFramework(fw), [], changed);
      expect(ids(solution)).toEqual(['a', 'b', 'c']);
      expect(Array.from(solution.strength)).toEqual(Array.from(solveFramework(indexFramework(fw), changed).strength));
    }
    // The default semantics spelled out is the same setting.
    expect(resolveDownstream(previous, indexFramework(fw), [], { ...settings, semantics: 'df-quad' }).region).toEqual([]);
  });

  it('records each cyclic component\'s residual at the returned strengths, 0 off a cycle', () => {
    const fw = uniform('x a b', 0.5, [['x', 'a'], ['a', 'b'], ['b', 'a']]);
    const solution = solve(fw);
    expect(solution.residuals[0]).toBeGreaterThan(0);
    expect(solution.residuals[0]).toBeLessThanOrEqual(1e-9);
    expect(solution.residuals[1]).toBe(solution.residuals[0]);
    expect(solution.residuals[2]).toBe(0);
    expect(residualOf(solution)).toBe(solution.residuals[0]);
    const capped = solveFramework(indexFramework(fw), { tolerance: 1e-9, maxIterations: 1 });
    expect(residualOf(capped)).toBeGreaterThan(1e-9);
    expect(Array.from(capped.settled)).toEqual([0, 0, 1]);
  });

  it('lists what changed between two frameworks', () => {
    const before = framework({ a: 0.5, b: 0.5, c: 0.5, gone: 0.5 }, [['a', 'b']], [['gone', 'c']]);
    const after = framework({ a: 0.5, b: 0.6, c: 0.5, d: 0.5 }, [['a', 'b'], ['d', 'a']]);
    const changed = changedArguments(indexFramework(before), indexFramework(after));
    expect(changed.sort()).toEqual(['a', 'b', 'c', 'd', 'gone']);
  });
});

type Model = { bases: Map<string, number>; attacks: Set<string>; supports: Set<string> };
type Operation =
  | { kind: 'add'; base: number }
  | { kind: 'remove'; pick: number; named: boolean }
  | { kind: 'rebase'; pick: number; base: number }
  | { kind: 'edge'; relation: 'attacks' | 'supports'; from: number; to: number; name: 'from' | 'to' | 'both' }
  | { kind: 'nothing' };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), base: baseScore() }),
  fc.record({ kind: fc.constant('remove' as const), pick: fc.nat(), named: fc.boolean() }),
  fc.record({ kind: fc.constant('rebase' as const), pick: fc.nat(), base: baseScore() }),
  fc.record({
    kind: fc.constant('edge' as const),
    relation: fc.constantFrom('attacks' as const, 'supports' as const),
    from: fc.nat(),
    to: fc.nat(),
    name: fc.constantFrom('from' as const, 'to' as const, 'both' as const),
  }),
  { arbitrary: fc.record({ kind: fc.constant('nothing' as const) }), weight: 1 },
);

const toFramework = (model: Model): BipolarFramework => {
  const edges = (set: Set<string>) => [...set].map((key) => JSON.parse(key) as [string, string]);
  return {
    arguments: [...model.bases].map(([id, base]) => ({ id, base })),
    attacks: edges(model.attacks),
    supports: edges(model.supports),
  };
};

/** Applies one operation to the model and returns the ids it says it changed. */
function applyOperation(model: Model, op: Operation, fresh: () => string): string[] {
  const ids = [...model.bases.keys()];
  const pick = (i: number) => ids[i % ids.length]!;
  switch (op.kind) {
    case 'add': {
      const id = fresh();
      model.bases.set(id, op.base);
      return [id];
    }
    case 'remove': {
      if (ids.length === 0) return [];
      const id = pick(op.pick);
      model.bases.delete(id);
      for (const set of [model.attacks, model.supports]) {
        for (const key of [...set]) if ((JSON.parse(key) as string[]).includes(id)) set.delete(key);
      }
      return op.named ? [id] : [];
    }
    case 'rebase': {
      if (ids.length === 0) return [];
      const id = pick(op.pick);
      model.bases.set(id, op.base);
      return [id];
    }
    case 'edge': {
      if (ids.length === 0) return [];
      const [from, to] = [pick(op.from), pick(op.to)];
      const set = model[op.relation];
      const key = JSON.stringify([from, to]);
      if (set.has(key)) set.delete(key);
      else set.add(key);
      return op.name === 'both' ? [from, to] : [op.name === 'from' ? from : to];
    }
    case 'nothing':
      return [];
  }
}

const initialBases = fc.array(baseScore(), { minLength: 1, maxLength: 6 });
const operations = fc.array(operation, { maxLength: 25 });

describe.each(['df-quad', 'quadratic-energy'] as const)('resolveDownstream equals a full solve under %s (fast-check)', (semantics) => {
  beforeAll(() => {
    settings = { tolerance: 1e-9, maxIterations: 1000, semantics };
  });
  afterAll(() => {
    settings = { tolerance: 1e-9, maxIterations: 1000 };
  });

  it('on random sequences of changes, naming what each changed', () => {
    fc.assert(
      fc.property(initialBases, operations, (bases, ops) => {
        let counter = 0;
        const fresh = () => `n${counter++}`;
        const model: Model = { bases: new Map(bases.map((base) => [fresh(), base])), attacks: new Set(), supports: new Set() };
        let solution: FrameworkSolution = solve(toFramework(model));
        for (const op of ops) {
          const changed = applyOperation(model, op, fresh);
          const next = toFramework(model);
          solution = again(solution, next, changed);
          expectSameAsFull(solution, next);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('on random sequences of changes, with what changed found by changedArguments', () => {
    fc.assert(
      fc.property(initialBases, operations, (bases, ops) => {
        let counter = 0;
        const fresh = () => `n${counter++}`;
        const model: Model = { bases: new Map(bases.map((base) => [fresh(), base])), attacks: new Set(), supports: new Set() };
        let solution: FrameworkSolution = solve(toFramework(model));
        for (const op of ops) {
          applyOperation(model, op, fresh);
          const next = indexFramework(toFramework(model));
          solution = resolveDownstream(solution, next, changedArguments(solution.framework, next), settings);
          expectSameAsFull(solution, toFramework(model));
        }
      }),
      { numRuns: 200 },
    );
  });
});
