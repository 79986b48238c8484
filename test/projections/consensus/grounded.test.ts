import { describe, expect, it } from 'vitest';
import { computeConsensus } from '../../../projections/consensus';
import { uniform } from './frameworks';

const groundedOf = (ids: string, attacks: [string, string][], supports: [string, string][] = []) =>
  computeConsensus(uniform(ids, 0.5, attacks, supports)).grounded;

describe('grounded labelling', () => {
  it('labels an unattacked argument in', () => {
    expect(groundedOf('a', [])).toEqual({ a: 'in' });
  });

  it('reinstates through a chain a ← b ← c: c in, b out, a in', () => {
    expect(groundedOf('a b c', [['b', 'a'], ['c', 'b']])).toEqual({ a: 'in', b: 'out', c: 'in' });
  });

  it('labels an odd cycle undec throughout', () => {
    expect(groundedOf('a b c', [['a', 'b'], ['b', 'c'], ['c', 'a']])).toEqual({ a: 'undec', b: 'undec', c: 'undec' });
  });

  it('labels both sides of an even cycle undec', () => {
    expect(groundedOf('a b', [['a', 'b'], ['b', 'a']])).toEqual({ a: 'undec', b: 'undec' });
  });

  it('labels an even cycle of four undec throughout', () => {
    expect(groundedOf('a b c d', [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'a']])).toEqual({
      a: 'undec',
      b: 'undec',
      c: 'undec',
      d: 'undec',
    });
  });

  it('labels an odd cycle of five undec throughout', () => {
    const labels = groundedOf('a b c d e', [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e'], ['e', 'a']]);
    expect(new Set(Object.values(labels))).toEqual(new Set(['undec']));
  });

  it('breaks an odd cycle attacked from outside: x in, a out, b in, c out', () => {
    expect(groundedOf('a b c x', [['a', 'b'], ['b', 'c'], ['c', 'a'], ['x', 'a']])).toEqual({
      a: 'out',
      b: 'in',
      c: 'out',
      x: 'in',
    });
  });

  it('alternates along a chain of five from its unattacked end', () => {
    expect(groundedOf('a b c d e', [['e', 'd'], ['d', 'c'], ['c', 'b'], ['b', 'a']])).toEqual({
      a: 'in',
      b: 'out',
      c: 'in',
      d: 'out',
      e: 'in',
    });
  });

  it('labels in an argument whose attackers are all out', () => {
    expect(groundedOf('a b c x y', [['b', 'a'], ['c', 'a'], ['x', 'b'], ['y', 'c']])).toEqual({
      a: 'in',
      b: 'out',
      c: 'out',
      x: 'in',
      y: 'in',
    });
  });

  it('carries undec downstream of a cycle', () => {
    expect(groundedOf('a b c', [['a', 'b'], ['b', 'a'], ['b', 'c']]).c).toBe('undec');
  });

  it('resolves a cycle attacked from outside: d in, a out, b in, c out', () => {
    expect(groundedOf('a b c d', [['a', 'b'], ['b', 'a'], ['b', 'c'], ['d', 'a']])).toEqual({
      a: 'out',
      b: 'in',
      c: 'out',
      d: 'in',
    });
  });

  it('leaves a self-attacker undec, and what it attacks undec', () => {
    expect(groundedOf('s a', [['s', 's'], ['s', 'a']])).toEqual({ s: 'undec', a: 'undec' });
  });

  it('labels a self-attacker out when something in attacks it', () => {
    expect(groundedOf('s x', [['s', 's'], ['x', 's']])).toEqual({ s: 'out', x: 'in' });
  });

  it('labels out as soon as one attacker is in, even beside undec attackers', () => {
    expect(groundedOf('a b c x', [['b', 'c'], ['c', 'b'], ['b', 'a'], ['x', 'a']]).a).toBe('out');
  });

  it('labels undec when the attackers are a mix of out and undec', () => {
    expect(groundedOf('a b c x y', [['b', 'c'], ['c', 'b'], ['b', 'a'], ['x', 'a'], ['y', 'x']]).a).toBe('undec');
  });

  it('ignores supports', () => {
    expect(groundedOf('a b c', [['b', 'a']], [['c', 'a'], ['c', 'b']])).toEqual({ a: 'out', b: 'in', c: 'in' });
  });

  it('does not depend on the gradual semantics, which only sets strengths', () => {
    const fw = uniform('a b c d s', 0.5, [['a', 'b'], ['b', 'a'], ['b', 'c'], ['d', 'a'], ['s', 's']], [['c', 'd']]);
    const dfQuad = computeConsensus(fw).grounded;
    const energy = computeConsensus(fw, { semantics: 'quadratic-energy' }).grounded;
    expect({ ...energy }).toEqual({ ...dfQuad });
    expect({ ...energy }).toEqual({ a: 'out', b: 'in', c: 'out', d: 'in', s: 'undec' });
  });
});
