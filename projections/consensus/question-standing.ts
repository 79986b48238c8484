import { atLeast } from './proof-standards';
import type { QuestionGraph } from './question-graph';
import { supportOf } from './question-semantics';
import type { GroundedStatus } from './types';

/** Where every argument stands once strengths are known, by slot. */
export interface Standing {
  /** supportOf(v): what an attack must reach to defeat v. */
  readonly support: Float64Array;
  /**
   * defeaters[v]: the arguments that defeat v, in id order. b defeats a when b attacks a (or, a
   * being evidence, undercuts it) with σ(b) > 0 and σ(b) ≥ support(a): preference-based defeat, so
   * one weak document never vetoes a claim that strong evidence supports, and anything with strength
   * defeats a claim nobody supports.
   */
  readonly defeaters: number[][];
  /** Dung's grounded labelling over defeats (not bare attacks). */
  readonly status: GroundedStatus[];
  /**
   * Whether v's support bottoms out in examined evidence: examined or transcribed evidence with
   * weight > 0 from an appraised source (reliability A–E), or a claim with a grounded supporter
   * that is not itself `out`. The least fixed point, so a ring of claims supporting each other
   * grounds nothing.
   */
  readonly grounded: Uint8Array;
}

/**
 * Recomputes the standing of `region` (downstream-closed: nothing outside it depends on it) in
 * place, everything outside read as final: support and defeaters, then the grounded labelling over
 * defeats and grounding as least fixed points over the region with the outside as their boundary.
 * Over the whole graph this is the plain computation; over the region downstream of a change it
 * gives the same result, since a standing depends on ancestors only. O(region + its edges).
 */
export function standRegion(graph: QuestionGraph, strength: Float64Array, standing: Standing, region: readonly number[]): void {
  const inRegion = new Set(region);
  for (const v of region) {
    standing.support[v] = supportOf(graph, strength, v);
    const defeaters: number[] = [];
    const consider = (b: number) => {
      if (strength[b]! > 0 && atLeast(strength[b]!, standing.support[v]!) && !defeaters.includes(b)) defeaters.push(b);
    };
    // Both lists are in id order; merged for evidence, they are sorted again.
    for (const b of graph.attackers[v]!) consider(b);
    if (graph.nodes[v]!.kind === 'evidence' && graph.undercutters[v]!.length > 0) {
      for (const b of graph.undercutters[v]!) consider(b);
      defeaters.sort((a, b) => (graph.ids[a]! < graph.ids[b]! ? -1 : 1));
    }
    standing.defeaters[v] = defeaters;
  }

  // Grounded labelling over defeats, the outside fixed.
  const defeats = new Map<number, number[]>();
  const remaining = new Map<number, number>();
  const becomeIn: number[] = [];
  const becomeOut: number[] = [];
  for (const v of region) {
    standing.status[v] = 'undec';
    let open = 0;
    let beaten = false;
    for (const b of standing.defeaters[v]!) {
      if (inRegion.has(b)) {
        open++;
        let list = defeats.get(b);
        if (!list) defeats.set(b, (list = []));
        list.push(v);
      } else if (standing.status[b] === 'in') beaten = true;
      else if (standing.status[b] === 'undec') open++;
    }
    remaining.set(v, open);
    if (beaten) becomeOut.push(v);
    else if (open === 0) becomeIn.push(v);
  }
  const setOut = (w: number) => {
    if (standing.status[w] !== 'undec') return;
    standing.status[w] = 'out';
    for (const x of defeats.get(w) ?? []) {
      const left = remaining.get(x)! - 1;
      remaining.set(x, left);
      if (left === 0 && standing.status[x] === 'undec') becomeIn.push(x);
    }
  };
  for (;;) {
    if (becomeOut.length > 0) {
      setOut(becomeOut.pop()!);
      continue;
    }
    if (becomeIn.length === 0) break;
    const v = becomeIn.pop()!;
    if (standing.status[v] !== 'undec') continue;
    standing.status[v] = 'in';
    for (const w of defeats.get(v) ?? []) becomeOut.push(w);
  }

  // Grounding, the outside fixed: flows along supports from grounded supporters that are not out.
  const queue: number[] = [];
  const grounds = (u: number) => standing.grounded[u] === 1 && standing.status[u] !== 'out';
  for (const v of region) {
    const node = graph.nodes[v]!;
    standing.grounded[v] = 0;
    if (node.kind === 'evidence') {
      if (node.verification !== 'cited' && graph.base[v]! > 0 && node.appraised) {
        standing.grounded[v] = 1;
        queue.push(v);
      }
    }
  }
  for (const v of region) {
    if (graph.nodes[v]!.kind !== 'claim' || standing.grounded[v]) continue;
    if (graph.supporters[v]!.some((u) => !inRegion.has(u) && grounds(u))) {
      standing.grounded[v] = 1;
      queue.push(v);
    }
  }
  while (queue.length > 0) {
    const u = queue.pop()!;
    if (standing.status[u] === 'out') continue;
    for (const v of graph.successors[u]!) {
      if (!inRegion.has(v) || standing.grounded[v] || graph.nodes[v]!.kind !== 'claim' || !graph.supporters[v]!.includes(u)) continue;
      standing.grounded[v] = 1;
      queue.push(v);
    }
  }
}
