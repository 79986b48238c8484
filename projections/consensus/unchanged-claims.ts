import { sameArguments, sameNode, type QuestionGraph } from './question-graph';
import type { Standing } from './question-standing';

/** What the last update computed, as far as telling what changed since needs it. */
export interface EarlierSolution {
  readonly graph: QuestionGraph;
  readonly strength: Float64Array;
  readonly standing: Standing;
}

/**
 * Which arguments changed since `earlier` in anything a claim's entry in the consensus shows:
 * strength, base, support, defeat status, grounding (and the evidence it was traced to), what the
 * node says (text, author, stances; a document's verification, source, locator…), or its lists of
 * attackers, supporters, undercutters, rivals and attached evidence. New arguments count as changed.
 * O(V + E), comparisons only.
 */
export function changedArguments(graph: QuestionGraph, strength: Float64Array, standing: Standing, earlier: EarlierSolution): Uint8Array {
  const n = graph.ids.length;
  const changed = new Uint8Array(n);
  const before = earlier.graph;
  const idOf = (g: QuestionGraph, v: number) => (v < 0 ? null : g.ids[v]!);
  for (let v = 0; v < n; v++) {
    const w = before.indexOf.get(graph.ids[v]!);
    const same =
      w !== undefined &&
      Object.is(strength[v], earlier.strength[w]) &&
      graph.base[v] === before.base[w] &&
      Object.is(standing.support[v], earlier.standing.support[w]) &&
      standing.status[v] === earlier.standing.status[w] &&
      standing.grounded[v] === earlier.standing.grounded[w] &&
      idOf(graph, standing.groundedBy[v]!) === idOf(before, earlier.standing.groundedBy[w]!) &&
      sameNode(graph.nodes[v]!, before.nodes[w]!) &&
      sameArguments(graph, graph.attackers[v]!, before, before.attackers[w]!) &&
      sameArguments(graph, graph.supporters[v]!, before, before.supporters[w]!) &&
      sameArguments(graph, graph.undercutters[v]!, before, before.undercutters[w]!) &&
      sameArguments(graph, graph.rivals[v]!, before, before.rivals[w]!) &&
      sameArguments(graph, graph.evidenceOn[v]!, before, before.evidenceOn[w]!);
    if (!same) changed[v] = 1;
  }
  return changed;
}

/**
 * Whether claim v's entry would come out the same as last time: neither v nor anything its entry
 * reads has changed (`changedArguments`): its attackers, supporters, undercutters, rivals, attached
 * evidence (and, for a cited lead, what bears on that evidence, which "what would change it" reads),
 * and the evidence its grounding was traced to.
 */
export function claimUnchanged(graph: QuestionGraph, standing: Standing, changed: Uint8Array, v: number): boolean {
  if (changed[v]) return false;
  const any = (list: readonly number[]) => {
    for (const u of list) if (changed[u]) return true;
    return false;
  };
  if (any(graph.attackers[v]!) || any(graph.supporters[v]!) || any(graph.undercutters[v]!) || any(graph.rivals[v]!)) return false;
  for (const e of graph.evidenceOn[v]!) {
    if (changed[e] || any(graph.attackers[e]!) || any(graph.supporters[e]!) || any(graph.undercutters[e]!)) return false;
  }
  const via = standing.groundedBy[v]!;
  return via < 0 || !changed[via];
}
