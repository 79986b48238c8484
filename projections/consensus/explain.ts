import { solveComponent, type OmittedEdge, type SolveSettings } from './df-quad';
import { ConsensusInputError } from './errors';
import { compareIds, indexFramework, type IndexedFramework } from './framework';
import { readOptions } from './options';
import { stronglyConnectedComponents } from './scc';
import type { BipolarFramework, ConsensusOptions, ConsensusResult, GroundedStatus } from './types';

/** One direct attacker or supporter and what it did to the explained argument. */
export interface Contribution {
  readonly id: string;
  readonly relation: 'attack' | 'support';
  /** The contributor's own strength and grounded status. */
  readonly strength: number;
  readonly grounded: GroundedStatus;
  /**
   * The explained argument's strength minus what it would be without this one edge, everything
   * else unchanged: negative when the contributor pulled it down, positive when it pushed it up.
   */
  readonly effect: number;
}

export interface Explanation {
  readonly id: string;
  readonly base: number;
  readonly strength: number;
  readonly grounded: GroundedStatus;
  /** Largest |effect| first, then by id. */
  readonly attackers: readonly Contribution[];
  readonly supporters: readonly Contribution[];
  /** One sentence for a person, naming at most three contributors on each side. */
  readonly summary: string;
}

export interface ExplainOptions extends ConsensusOptions {
  /** How the summary names an argument (a claim's text, a source's title); default the quoted id. */
  readonly nameOf?: (id: string) => string;
}

const SHOWN_PER_SIDE = 3;

/**
 * Why argument `id` has the strength and grounded status it has in `result`, which must come from
 * `computeConsensus(framework, options)` with the same options.
 *
 * Each direct attacker's and supporter's `effect` is a leave-one-out difference: the argument's
 * strength is recomputed without that single edge, holding everything upstream of its strongly
 * connected component at `result`'s values. Off a cycle that is one DF-QuAD step; on a cycle the
 * whole cycle is iterated again, because removing the edge can move the contributor too. Effects
 * need not add up to strength − base, since F() combines several attackers sub-additively.
 *
 * @throws ConsensusInputError for an invalid framework, an `id` not in it, or a `result` lacking it.
 */
export function explainArgument(
  framework: BipolarFramework,
  result: ConsensusResult,
  id: string,
  options?: ExplainOptions,
): Explanation {
  const settings = readOptions(options);
  const indexed = indexFramework(framework);
  const v = indexed.indexOf.get(id);
  if (v === undefined) throw new ConsensusInputError('id', `unknown argument ${JSON.stringify(id)}`);
  const strength = Float64Array.from(indexed.ids, (other) => {
    const value = result.strength[other];
    if (typeof value !== 'number') {
      throw new ConsensusInputError(`result.strength`, `has no strength for ${JSON.stringify(other)}`);
    }
    return value;
  });
  const component = stronglyConnectedComponents(indexed.influenced).find((members) => members.includes(v))!;
  const grounded = (u: number) => groundedOf(result, indexed, u);
  const explanation = {
    id,
    base: indexed.base[v]!,
    strength: strength[v]!,
    grounded: grounded(v),
    ...contributionsTo(indexed, strength, grounded, component, v, settings),
  };
  return { ...explanation, summary: summarise(explanation, options?.nameOf ?? ((x) => JSON.stringify(x))) };
}

/**
 * The direct attackers and supporters of argument `v` with their leave-one-out effects (see
 * {@link explainArgument}), from already computed strengths. `component` is v's strongly connected
 * component; only it is re-solved, so the cost is one DF-QuAD step per edge off a cycle and one
 * iteration of the cycle per edge on one. `strength` is used as scratch space and left as it was.
 */
export function contributionsTo(
  indexed: IndexedFramework,
  strength: Float64Array,
  grounded: (v: number) => GroundedStatus,
  component: readonly number[],
  v: number,
  settings: SolveSettings,
): { attackers: Contribution[]; supporters: Contribution[] } {
  // Solved in place and put back, so that explaining one argument costs its component, not a copy
  // of every strength in the framework.
  const saved = component.map((u) => strength[u]!);
  const strengthWithout = (omit?: OmittedEdge): number => {
    solveComponent(indexed, strength, component, settings, omit);
    const value = strength[v]!;
    component.forEach((u, i) => (strength[u] = saved[i]!));
    return value;
  };
  // Recomputed rather than read from `strength`, so that on a cycle both sides of each difference
  // come from the same iteration.
  const withAll = strengthWithout();
  const contributions = (relation: OmittedEdge['relation'], sources: readonly number[]): Contribution[] =>
    sources
      .map((from) => ({
        id: indexed.ids[from]!,
        relation,
        strength: strength[from]!,
        grounded: grounded(from),
        effect: withAll - strengthWithout({ relation, from, to: v }),
      }))
      .sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect) || compareIds(a.id, b.id));
  return {
    attackers: contributions('attack', indexed.attackers[v]!),
    supporters: contributions('support', indexed.supporters[v]!),
  };
}

function groundedOf(result: ConsensusResult, indexed: IndexedFramework, v: number): GroundedStatus {
  const status = result.grounded[indexed.ids[v]!];
  if (status !== 'in' && status !== 'out' && status !== 'undec') {
    throw new ConsensusInputError('result.grounded', `has no status for ${JSON.stringify(indexed.ids[v])}`);
  }
  return status;
}

function summarise(e: Omit<Explanation, 'summary'>, nameOf: (id: string) => string): string {
  const fixed = (x: number) => x.toFixed(2);
  if (e.attackers.length === 0 && e.supporters.length === 0) {
    return (
      `${nameOf(e.id)} keeps its base strength ${fixed(e.base)}: ` +
      'nothing attacks or supports it, so it is grounded in.'
    );
  }
  const list = (verb: string, side: readonly Contribution[]) => {
    const shown = side
      .slice(0, SHOWN_PER_SIDE)
      .map((c) => `${nameOf(c.id)} (${c.effect >= 0 ? '+' : ''}${fixed(c.effect)})`);
    const more = side.length > SHOWN_PER_SIDE ? ` and ${side.length - SHOWN_PER_SIDE} more` : '';
    return `${verb} ${shown.join(', ')}${more}`;
  };
  const moves = [
    ...(e.attackers.length > 0 ? [list('attacked by', e.attackers)] : []),
    ...(e.supporters.length > 0 ? [list('supported by', e.supporters)] : []),
  ];
  const opening = `${nameOf(e.id)} has strength ${fixed(e.strength)} from base ${fixed(e.base)}`;
  return `${opening}, ${moves.join('; ')}; ${groundedReason(e, nameOf)}.`;
}

function groundedReason(e: Omit<Explanation, 'summary'>, nameOf: (id: string) => string): string {
  if (e.grounded === 'in') {
    return e.attackers.length === 0 ? 'grounded in, as nothing attacks it' : 'grounded in, as every attacker is out';
  }
  if (e.grounded === 'out') {
    const winners = e.attackers.filter((c) => c.grounded === 'in').map((c) => nameOf(c.id)).sort();
    return `grounded out, as ${winners.join(', ')} ${winners.length === 1 ? 'stands' : 'stand'} against it`;
  }
  return 'grounded undecided, as no attacker is in but not all are out';
}
