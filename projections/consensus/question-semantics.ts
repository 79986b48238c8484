import { combine } from './df-quad';
import { quadraticEnergyInfluence } from './quadratic-energy';
import type { QuestionGraph } from './question-graph';

import type { Semantics } from './types';

export type { Semantics } from './types';

export type Role = 'attack' | 'support' | 'undercut';

/**
 * The running aggregate of an argument's direct contributors, so that a value can be computed for
 * any subset of them by adding them one at a time (O(1) each): what the solver and the Shapley
 * explanation both use, so an explanation always adds up to what the solver computed.
 */
export interface Aggregate {
  /** Π(1 − σ) over attackers, supporters, undercutters (DF-QuAD's F() = 1 − that product). */
  attackProduct: number;
  supportProduct: number;
  undercutProduct: number;
  /** Σ σ over attackers, supporters, undercutters (quadratic energy's sums). */
  attackSum: number;
  supportSum: number;
  undercutSum: number;
}

export const emptyAggregate = (): Aggregate => ({
  attackProduct: 1,
  supportProduct: 1,
  undercutProduct: 1,
  attackSum: 0,
  supportSum: 0,
  undercutSum: 0,
});

export function addContributor(aggregate: Aggregate, role: Role, strength: number): void {
  if (role === 'attack') {
    aggregate.attackProduct *= 1 - strength;
    aggregate.attackSum += strength;
  } else if (role === 'support') {
    aggregate.supportProduct *= 1 - strength;
    aggregate.supportSum += strength;
  } else {
    aggregate.undercutProduct *= 1 - strength;
    aggregate.undercutSum += strength;
  }
}

/**
 * The strength an argument of base `base` gets from `aggregate`.
 *
 * A claim: attacks (`rebuts`, undermining evidence) and supports combine as the semantics says,
 * after undercuts have scaled the support down: an undercut attacks the inference from the claim's
 * grounds, not its conclusion (Pollock), so it takes away from what the supporters give and can do
 * nothing to a claim nobody supports.
 * - DF-QuAD: combine(τ, F(attackers), F(supporters) · (1 − F(undercutters)));
 * - quadratic energy: E = Σ supporters · (1 − F(undercutters)) − Σ attackers, σ = τ + (1 − τ)h(E) − τh(−E).
 *
 * A piece of evidence: it can only lose weight, never gain more than its appraisal gives it. Rebuttals
 * and undercuts (source criticism) both weigh against it, supports only offset them:
 * - DF-QuAD: τ · (1 − max(0, F(attackers ∪ undercutters) − F(supporters)));
 * - quadratic energy: τ − τ·h(max(0, Σ attackers + Σ undercutters − Σ supporters)).
 */
export function valueOf(semantics: Semantics, isEvidence: boolean, base: number, a: Aggregate): number {
  if (isEvidence) {
    if (semantics === 'df-quad') {
      const against = 1 - a.attackProduct * a.undercutProduct;
      const margin = against - (1 - a.supportProduct);
      return margin > 0 ? base * (1 - margin) : base;
    }
    const against = a.attackSum + a.undercutSum - a.supportSum;
    return against > 0 ? quadraticEnergyInfluence(base, -against) : base;
  }
  const scale = a.undercutProduct; // 1 − F(undercutters)
  if (semantics === 'df-quad') return combine(base, 1 - a.attackProduct, (1 - a.supportProduct) * scale);
  return quadraticEnergyInfluence(base, a.supportSum * scale - a.attackSum);
}

/** The strength of argument v given the current strengths of its contributors. */
export function evaluateArgument(graph: QuestionGraph, semantics: Semantics, strength: Float64Array, v: number): number {
  const a = emptyAggregate();
  for (const u of graph.attackers[v]!) addContributor(a, 'attack', strength[u]!);
  for (const u of graph.supporters[v]!) addContributor(a, 'support', strength[u]!);
  for (const u of graph.undercutters[v]!) addContributor(a, 'undercut', strength[u]!);
  return valueOf(semantics, graph.nodes[v]!.kind === 'evidence', graph.base[v]!, a);
}

/**
 * How far examined evidence alone carries argument v: its **grounded strength** σg, the strength it
 * would have if only grounded support counted. A piece of evidence carries its strength when it is
 * grounded (examined, appraised, weight > 0) and not `out`, else nothing; a claim is evaluated as
 * usual, attacks and undercuts at full strength, but its supporters each contribute only the
 * grounded lift they carry: for a claim, the share of the way from its base to 1 that its own σg
 * covers (2σg − 1 at base ½); for evidence, its grounded strength. So support does not grow along a
 * chain of claims (a claim resting on a claim resting on a 0.13 document is carried 0.13 of the way,
 * not more), and bare assertions carry nothing: `corroborated` is decided on σg.
 */
export function evaluateGrounded(
  graph: QuestionGraph,
  semantics: Semantics,
  strength: Float64Array,
  grounded: Float64Array,
  carries: (u: number) => boolean,
  v: number,
): number {
  const node = graph.nodes[v]!;
  if (node.kind === 'evidence') return carries(v) ? strength[v]! : 0;
  const a = emptyAggregate();
  for (const u of graph.attackers[v]!) addContributor(a, 'attack', strength[u]!);
  for (const u of graph.undercutters[v]!) addContributor(a, 'undercut', strength[u]!);
  for (const u of graph.supporters[v]!) addContributor(a, 'support', carries(u) ? liftOf(graph, grounded, u) : 0);
  return valueOf(semantics, false, graph.base[v]!, a);
}

/** The grounded lift u carries to what it supports: evidence its σg, a claim the share of the way from its base to 1. */
export function liftOf(graph: QuestionGraph, grounded: Float64Array, u: number): number {
  if (graph.nodes[u]!.kind === 'evidence') return grounded[u]!;
  const base = graph.base[u]!;
  return base >= 1 ? 0 : Math.max(0, (grounded[u]! - base) / (1 - base));
}

/**
 * What a claim's support amounts to: F(σ of its supporters) scaled by its undercuts, the figure an
 * attack must reach to defeat it. For a piece of evidence, its own weight: an attack defeats a
 * document only when it is at least as strong as the document's appraisal.
 */
export function supportOf(graph: QuestionGraph, strength: Float64Array, v: number): number {
  if (graph.nodes[v]!.kind === 'evidence') return graph.base[v]!;
  let supportProduct = 1;
  let undercutProduct = 1;
  for (const u of graph.supporters[v]!) supportProduct *= 1 - strength[u]!;
  for (const u of graph.undercutters[v]!) undercutProduct *= 1 - strength[u]!;
  return (1 - supportProduct) * undercutProduct;
}
