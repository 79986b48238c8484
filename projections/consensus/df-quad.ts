import { solveCycleSteps, type CycleOutcome, type CycleProblem, type CycleSettings } from './cycle-solver';
import type { IndexedFramework } from './framework';
import { quadraticEnergyAggregate, quadraticEnergyInfluence } from './quadratic-energy';
import type { Semantics } from './types';

/** DF-QuAD aggregation of a multiset of strengths: F() = 0, F(v1..vn) = 1 − Π(1 − vi). */
export function aggregate(strengths: Iterable<number>): number {
  let product = 1;
  for (const v of strengths) product *= 1 - v;
  return 1 - product;
}

/**
 * DF-QuAD's aggregation in modular form: F(supporters) − F(attackers), in [−1, 1]. Negative when
 * the attack is stronger.
 */
export function dfQuadAggregate(attackers: Iterable<number>, supporters: Iterable<number>): number {
  return aggregate(supporters) - aggregate(attackers);
}

/**
 * DF-QuAD's influence in modular form: the base score moved toward 1 by a positive aggregate α
 * (v0 + (1 − v0)·α) and toward 0 by a negative one (v0 − v0·|α|). Clamped to [0, 1] against
 * rounding, where later aggregations would go wrong.
 */
export function dfQuadInfluence(base: number, aggregated: number): number {
  const moved = aggregated <= 0 ? base - base * -aggregated : base + (1 - base) * aggregated;
  return Math.min(1, Math.max(0, moved));
}

/**
 * DF-QuAD combination of base score v0 with aggregated attack va and support vs: the stronger side
 * moves v0 toward 0 or 1 by the margin between them. Equal to dfQuadInfluence(v0, vs − va).
 */
export function combine(v0: number, va: number, vs: number): number {
  return dfQuadInfluence(v0, vs - va);
}

/**
 * The strength of one argument under `semantics`, from its base score and its attackers' and
 * supporters' strengths: the update function f(σ)(v) of either semantics, for composing richer
 * models (scale a supporter's strength by an undercut before passing it, for instance).
 */
export function gradualStrength(
  semantics: Semantics,
  base: number,
  attackers: Iterable<number>,
  supporters: Iterable<number>,
): number {
  if (semantics === 'df-quad') return combine(base, aggregate(attackers), aggregate(supporters));
  return quadraticEnergyInfluence(base, quadraticEnergyAggregate(attackers, supporters));
}

export interface SolveSettings extends CycleSettings {
  /** Default `df-quad`. */
  readonly semantics?: Semantics;
}

/** One edge to leave out, for leave-one-out explanations. */
export interface OmittedEdge {
  readonly relation: 'attack' | 'support';
  readonly from: number;
  readonly to: number;
}

/**
 * The fixed-point problem of one component of `framework` under `semantics`, for the cycle solver:
 * f(σ)(v) from v's attackers and supporters (leaving out `omit`), reading every strength from the
 * array it is given. Sources are visited in ascending order, so the rounding of each sum or product
 * is the same whatever order the caller listed the edges in.
 */
export function componentProblem(
  framework: IndexedFramework,
  members: readonly number[],
  semantics: Semantics = 'df-quad',
  omit?: OmittedEdge,
): CycleProblem {
  const { attackers, supporters, base } = framework;
  // The source to skip among v's attackers or supporters (−1: none): only `omit.from`, into `omit.to`.
  const skipAttack = omit?.relation === 'attack' ? omit : undefined;
  const skipSupport = omit?.relation === 'support' ? omit : undefined;
  const cost = (v: number) => 1 + attackers[v]!.length + supporters[v]!.length;
  if (semantics === 'quadratic-energy') {
    return {
      members,
      cost,
      evaluate: (v, strength) => {
        // Supporters added, then attackers taken off, in that order: as quadraticEnergyAggregate.
        const supported = addUp(0, 1, supporters[v]!, strength, skipSupport?.to === v ? skipSupport.from : -1);
        const energy = addUp(supported, -1, attackers[v]!, strength, skipAttack?.to === v ? skipAttack.from : -1);
        return quadraticEnergyInfluence(base[v]!, energy);
      },
    };
  }
  return {
    members,
    cost,
    evaluate: (v, strength) => {
      const attack = 1 - product(attackers[v]!, strength, skipAttack?.to === v ? skipAttack.from : -1);
      const support = 1 - product(supporters[v]!, strength, skipSupport?.to === v ? skipSupport.from : -1);
      return combine(base[v]!, attack, support);
    },
  };
}

/**
 * Solves one strongly connected component in place in `strength`, taking its predecessors'
 * strengths as final, under `settings.semantics` (default DF-QuAD).
 *
 * An argument on no cycle gets its exact value in one evaluation. A cyclic component restarts
 * from its members' base scores and is solved by the adaptive-step iteration of
 * {@link solveCycleSteps} (see cycle-solver.ts for the scheme, why it settles dense attack cliques,
 * and its cost), until the residual at the returned values is ≤ `tolerance` or `maxIterations`
 * steps have run. `omit` leaves one edge out, for leave-one-out explanations.
 */
export function solveComponent(
  framework: IndexedFramework,
  strength: Float64Array,
  members: readonly number[],
  settings: SolveSettings,
  omit?: OmittedEdge,
): CycleOutcome {
  const steps = solveComponentSteps(framework, strength, members, settings, omit);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * {@link solveComponent} as a generator that yields, every few tens of thousands of edge
 * evaluations, how many it did since the last yield (see {@link solveCycleSteps}), so that a
 * caller can spread a large cycle over several turns of the event loop.
 */
export function* solveComponentSteps(
  framework: IndexedFramework,
  strength: Float64Array,
  members: readonly number[],
  settings: SolveSettings,
  omit?: OmittedEdge,
): Generator<number, CycleOutcome, void> {
  const problem = componentProblem(framework, members, settings.semantics, omit);
  if (!isCyclic(framework, members, omit)) {
    const v = members[0]!;
    // Exact: v reads only strengths outside its component, so this value is its own fixed point.
    strength[v] = problem.evaluate(v, strength);
    return { converged: true, iterations: 0, residual: 0 };
  }
  for (const v of members) strength[v] = framework.base[v]!;
  return yield* solveCycleSteps(problem, strength, settings);
}

function isCyclic(framework: IndexedFramework, members: readonly number[], omit?: OmittedEdge): boolean {
  if (members.length > 1) return true;
  const v = members[0]!;
  const selfEdge = (relation: OmittedEdge['relation'], sources: readonly number[]) =>
    sources.includes(v) && !(omit?.relation === relation && omit.from === v && omit.to === v);
  return selfEdge('attack', framework.attackers[v]!) || selfEdge('support', framework.supporters[v]!);
}

/** Π(1 − σ(s)) over `sources` in order, leaving out the source `skip` (−1: none). */
function product(sources: readonly number[], strength: Float64Array, skip: number): number {
  let result = 1;
  for (let i = 0; i < sources.length; i++) {
    const s = sources[i]!;
    if (s === skip) continue;
    result *= 1 - strength[s]!;
  }
  return result;
}

/** `start` ± σ(s) for each of `sources` in order, leaving out the source `skip` (−1: none). */
function addUp(start: number, sign: 1 | -1, sources: readonly number[], strength: Float64Array, skip: number): number {
  let result = start;
  for (let i = 0; i < sources.length; i++) {
    const s = sources[i]!;
    if (s === skip) continue;
    result = sign > 0 ? result + strength[s]! : result - strength[s]!;
  }
  return result;
}
