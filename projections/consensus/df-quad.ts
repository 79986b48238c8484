import type { IndexedFramework } from './framework';

/** DF-QuAD aggregation of a multiset of strengths: F() = 0, F(v1..vn) = 1 − Π(1 − vi). */
export function aggregate(strengths: Iterable<number>): number {
  let product = 1;
  for (const v of strengths) product *= 1 - v;
  return 1 - product;
}

/**
 * DF-QuAD combination of base score v0 with aggregated attack va and support vs: the stronger side
 * moves v0 toward 0 or 1 by the margin between them.
 */
export function combine(v0: number, va: number, vs: number): number {
  const moved = va >= vs ? v0 - v0 * (va - vs) : v0 + (1 - v0) * (vs - va);
  // Rounding must not push a strength outside [0, 1], where later aggregations would go wrong.
  return Math.min(1, Math.max(0, moved));
}

/**
 * Within a cyclic component each sweep moves every strength halfway toward its DF-QuAD value.
 * A fixed point of the damped step is exactly a DF-QuAD fixed point, so damping changes only the
 * path. It stops the endless 0 ↔ 1 flip that undamped Jacobi shows on an even cycle of strong
 * arguments (a ⇄ b with base 1 settles at ½, ½), and unlike Gauss–Seidel it treats the members of
 * a cycle symmetrically, so which fixed point is reached never depends on how ids sort.
 */
export const CYCLE_DAMPING = 0.5;

export interface SolveSettings {
  readonly tolerance: number;
  readonly maxIterations: number;
}

/** One edge to leave out, for leave-one-out explanations. */
export interface OmittedEdge {
  readonly relation: 'attack' | 'support';
  readonly from: number;
  readonly to: number;
}

/**
 * Solves one component in place in `strength`, taking its predecessors' strengths as final.
 * Cyclic components run damped Jacobi sweeps from the base scores until no strength would change by
 * more than `tolerance` (then take that last undamped step), or until `maxIterations` sweeps.
 */
export function solveComponent(
  framework: IndexedFramework,
  strength: Float64Array,
  members: readonly number[],
  settings: SolveSettings,
  omit?: OmittedEdge,
): { converged: boolean; iterations: number } {
  if (!isCyclic(framework, members, omit)) {
    const v = members[0]!;
    strength[v] = evaluate(framework, strength, v, omit);
    return { converged: true, iterations: 0 };
  }
  for (const v of members) strength[v] = framework.base[v]!;
  const count = members.length;
  const next = new Float64Array(count);
  // Plain loops rather than closures: this is the inner loop of every cycle and every explanation.
  for (let sweep = 1; sweep <= settings.maxIterations; sweep++) {
    let residual = 0;
    for (let i = 0; i < count; i++) {
      const v = members[i]!;
      const value = evaluate(framework, strength, v, omit);
      next[i] = value;
      residual = Math.max(residual, Math.abs(value - strength[v]!));
    }
    if (residual <= settings.tolerance) {
      for (let i = 0; i < count; i++) strength[members[i]!] = next[i]!;
      return { converged: true, iterations: sweep };
    }
    for (let i = 0; i < count; i++) {
      const v = members[i]!;
      strength[v] = strength[v]! + CYCLE_DAMPING * (next[i]! - strength[v]!);
    }
  }
  return { converged: false, iterations: settings.maxIterations };
}

function isCyclic(framework: IndexedFramework, members: readonly number[], omit?: OmittedEdge): boolean {
  if (members.length > 1) return true;
  const v = members[0]!;
  const selfEdge = (relation: OmittedEdge['relation'], sources: readonly number[]) =>
    sources.includes(v) && !(omit?.relation === relation && omit.from === v && omit.to === v);
  return selfEdge('attack', framework.attackers[v]!) || selfEdge('support', framework.supporters[v]!);
}

function evaluate(framework: IndexedFramework, strength: Float64Array, v: number, omit?: OmittedEdge): number {
  const attack = 1 - product(framework.attackers[v]!, strength, omit !== undefined && omit.relation === 'attack' && omit.to === v ? omit.from : -1);
  const support = 1 - product(framework.supporters[v]!, strength, omit !== undefined && omit.relation === 'support' && omit.to === v ? omit.from : -1);
  return combine(framework.base[v]!, attack, support);
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
