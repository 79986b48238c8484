import { solveComponent, type OmittedEdge } from './df-quad';
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

  const strengthWithout = (omit?: OmittedEdge): number => {
    const scratch = strength.slice();
    solveComponent(indexed, scratch, component, settings, omit);
    return scratch[v]!;
  };
  // Recomputed rather than read from `result`, so that on a cycle both sides of each difference
  // come from the same iteration.
  const withAll = strengthWithout();
  const contributions = (relation: OmittedEdge['relation'], sources: readonly number[]): Contribution[] =>
    sources
      .map((from) => ({
        id: indexed.ids[from]!,
        relation,
        strength: strength[from]!,
        grounded: groundedOf(result, indexed, from),
        effect: withAll - strengthWithout({ relation, from, to: v }),
      }))
      .sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect) || compareIds(a.id, b.id));

  const explanation = {
    id,
    base: indexed.base[v]!,
    strength: strength[v]!,
    grounded: groundedOf(result, indexed, v),
    attackers: contributions('attack', indexed.attackers[v]!),
    supporters: contributions('support', indexed.supporters[v]!),
  };
  return { ...explanation, summary: summarise(explanation, options?.nameOf ?? ((x) => JSON.stringify(x))) };
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
