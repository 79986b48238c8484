import { describe, expect, it } from 'vitest';
import { computeConsensus, ConsensusInputError, type BipolarFramework, type ConsensusOptions } from '../../../projections/consensus';
import { explainArgument } from '../../../projections/consensus/explain';
import { framework } from './frameworks';

/** The error `run` throws; fails the test if it returns. */
function thrown(run: () => unknown): ConsensusInputError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConsensusInputError);
    expect(error).toBeInstanceOf(Error);
    return error as ConsensusInputError;
  }
  throw new Error('expected an error');
}

/** Lets a test pass malformed input past the type checker, as JSON from outside would be. */
const untyped = (value: unknown) => value as BipolarFramework;

const ab = framework({ a: 0.5, b: 0.5 });

describe('computeConsensus input validation', () => {
  it('names a duplicate id and where it was first seen', () => {
    const error = thrown(() => computeConsensus({
      arguments: [{ id: 'a', base: 0.5 }, { id: 'b', base: 0.5 }, { id: 'a', base: 0.2 }],
      attacks: [],
      supports: [],
    }));
    expect(error.field).toBe('arguments[2].id');
    expect(error.message).toBe('arguments[2].id: duplicate argument id "a" (first at arguments[0])');
  });

  it('names the edge end that refers to an unknown argument', () => {
    const attacks: [string, string][] = [['a', 'b'], ['b', 'a'], ['a', 'a'], ['a', 'x']];
    const error = thrown(() => computeConsensus({ ...ab, attacks }));
    expect(error.field).toBe('attacks[3][1]');
    expect(error.message).toBe('attacks[3][1]: unknown argument "x"');
    expect(thrown(() => computeConsensus({ ...ab, supports: [['nope', 'a']] })).message).toBe(
      'supports[0][0]: unknown argument "nope"',
    );
  });

  it.each([NaN, -0.1, 1.5, Infinity, '0.5', undefined])('rejects base %s naming the field', (base) => {
    const error = thrown(() =>
      computeConsensus(untyped({ arguments: [{ id: 'a', base: 0.5 }, { id: 'b', base }], attacks: [], supports: [] })),
    );
    expect(error.field).toBe('arguments[1].base');
    expect(error.message).toMatch(/^arguments\[1\]\.base: must be a number in \[0, 1\], got /);
  });

  it('accepts the boundary bases 0 and 1', () => {
    expect(computeConsensus(framework({ a: 0, b: 1 })).strength).toEqual({ a: 0, b: 1 });
  });

  it('names malformed shapes', () => {
    expect(thrown(() => computeConsensus(untyped(null))).field).toBe('framework');
    expect(thrown(() => computeConsensus(untyped({ attacks: [], supports: [] }))).field).toBe('arguments');
    expect(thrown(() => computeConsensus(untyped({ arguments: [7], attacks: [], supports: [] }))).field).toBe(
      'arguments[0]',
    );
    expect(thrown(() => computeConsensus(untyped({ arguments: [{ base: 0.5 }], attacks: [], supports: [] }))).field).toBe(
      'arguments[0].id',
    );
    expect(thrown(() => computeConsensus(untyped({ arguments: [{ id: '', base: 0.5 }], attacks: [], supports: [] }))).field).toBe(
      'arguments[0].id',
    );
    expect(thrown(() => computeConsensus(untyped({ ...ab, attacks: undefined }))).field).toBe('attacks');
    expect(thrown(() => computeConsensus(untyped({ ...ab, attacks: [['a', 'b', 'c']] }))).field).toBe('attacks[0]');
    expect(thrown(() => computeConsensus(untyped({ ...ab, supports: [['a', 3]] }))).field).toBe('supports[0][1]');
  });

  it.each([
    [{ tolerance: -1 }, 'options.tolerance'],
    [{ tolerance: NaN }, 'options.tolerance'],
    [{ tolerance: Infinity }, 'options.tolerance'],
    [{ maxIterations: 1.5 }, 'options.maxIterations'],
    [{ maxIterations: -1 }, 'options.maxIterations'],
    [{ semantics: 'dfquad' }, 'options.semantics'],
    [{ semantics: 'QE' }, 'options.semantics'],
    [{ semantics: 7 }, 'options.semantics'],
  ])('rejects options %o naming %s', (options, field) => {
    expect(thrown(() => computeConsensus(ab, options as ConsensusOptions)).field).toBe(field);
  });

  it('says which semantics there are', () => {
    const error = thrown(() => computeConsensus(ab, { semantics: 'pagerank' } as unknown as ConsensusOptions));
    expect(error.message).toBe('options.semantics: must be one of "df-quad", "quadratic-energy", got "pagerank"');
  });

  it('accepts both semantics and defaults to DF-QuAD', () => {
    const fw = framework({ a: 0.5, b: 0.6 }, [['b', 'a']]);
    expect(computeConsensus(fw).strength.a).toBeCloseTo(0.2, 12);
    expect(computeConsensus(fw, { semantics: 'df-quad' }).strength.a).toBeCloseTo(0.2, 12);
    expect(computeConsensus(fw, { semantics: 'quadratic-energy' }).strength.a).toBeCloseTo(0.5 - 0.5 * (0.36 / 1.36), 12);
    expect(computeConsensus(fw, { semantics: undefined }).strength.a).toBeCloseTo(0.2, 12);
  });

  it('checks the options of explainArgument too', () => {
    const result = computeConsensus(ab);
    expect(thrown(() => explainArgument(ab, result, 'a', { semantics: 'x' } as unknown as ConsensusOptions)).field).toBe(
      'options.semantics',
    );
  });

  it('allows self-attacks, self-supports and repeated edges', () => {
    expect(() =>
      computeConsensus({ ...ab, attacks: [['a', 'a'], ['a', 'b'], ['a', 'b']], supports: [['b', 'b']] }),
    ).not.toThrow();
  });
});
