import { atLeast } from './proof-standards';
import type { QuestionGraph } from './question-graph';
import { supportOf } from './question-semantics';
import type { GroundedStatus } from './types';

/** Where every argument stands once strengths are known: defeats, their grounded labelling, grounding. */
export interface Standing {
  /** supportOf(v): what an attack must reach to defeat v. */
  readonly support: Float64Array;
  /**
   * defeaters[v]: the arguments that defeat v. b defeats a when b attacks a (or, a being evidence,
   * undercuts it) with σ(b) > 0 and σ(b) ≥ support(a): preference-based defeat, so one weak
   * document never vetoes a claim that strong evidence supports, and anything with strength defeats
   * a claim nobody supports.
   */
  readonly defeaters: readonly (readonly number[])[];
  /** Dung's grounded labelling over defeats (not bare attacks). */
  readonly status: readonly GroundedStatus[];
  /**
   * Whether v's support bottoms out in examined evidence: examined or transcribed evidence with
   * weight > 0 from an appraised source (reliability A–E), or a claim with a grounded supporter
   * that is not itself `out`. The least fixed point, so a ring of claims supporting each other
   * grounds nothing.
   */
  readonly grounded: Uint8Array;
  /**
   * groundedBy[v]: for a grounded argument, the piece of examined evidence its grounding was first
   * traced to (itself for evidence; through the supporter that grounded it for a claim); −1 when
   * not grounded. One path, found in O(1) per argument, so that naming a claim's grounds never walks
   * its whole tree of supporters.
   */
  readonly groundedBy: Int32Array;
}

/** Linear in the graph: O(V + E). */
export function standingOf(graph: QuestionGraph, strength: Float64Array): Standing {
  const n = graph.ids.length;
  const support = new Float64Array(n);
  for (let v = 0; v < n; v++) support[v] = supportOf(graph, strength, v);

  const defeaters: number[][] = Array.from({ length: n }, () => []);
  const defeats: number[][] = Array.from({ length: n }, () => []);
  for (let v = 0; v < n; v++) {
    const consider = (b: number) => {
      if (strength[b]! > 0 && atLeast(strength[b]!, support[v]!) && !defeaters[v]!.includes(b)) {
        defeaters[v]!.push(b);
        defeats[b]!.push(v);
      }
    };
    for (const b of graph.attackers[v]!) consider(b);
    if (graph.nodes[v]!.kind === 'evidence') {
      for (const b of graph.undercutters[v]!) consider(b);
      defeaters[v]!.sort((a, b) => a - b);
    }
  }

  const status = groundedLabelling(n, defeaters, defeats);

  const grounded = new Uint8Array(n);
  const groundedBy = new Int32Array(n).fill(-1);
  const queue: number[] = [];
  graph.nodes.forEach((node, v) => {
    if (node.kind === 'evidence' && node.verification !== 'cited' && graph.base[v]! > 0 && node.appraised) {
      grounded[v] = 1;
      groundedBy[v] = v;
      queue.push(v);
    }
  });
  // Grounding flows along supports from supporters that are not out.
  const supports: number[][] = Array.from({ length: n }, () => []);
  for (let v = 0; v < n; v++) for (const u of graph.supporters[v]!) supports[u]!.push(v);
  while (queue.length > 0) {
    const u = queue.pop()!;
    if (status[u] === 'out') continue;
    for (const v of supports[u]!) {
      if (grounded[v] || graph.nodes[v]!.kind !== 'claim') continue;
      grounded[v] = 1;
      groundedBy[v] = groundedBy[u]!;
      queue.push(v);
    }
  }
  return { support, defeaters, status, grounded, groundedBy };
}

/**
 * The grounded labelling of the defeat graph: `in` when every defeater is `out`, `out` when some
 * defeater is `in`, else `undec`. The least fixed point, by propagation in O(V + D).
 */
function groundedLabelling(n: number, defeaters: readonly (readonly number[])[], defeats: readonly (readonly number[])[]): GroundedStatus[] {
  const status = new Array<GroundedStatus>(n).fill('undec');
  const remaining = Int32Array.from(defeaters, (list) => list.length);
  const queue: number[] = [];
  for (let v = 0; v < n; v++) if (remaining[v] === 0) queue.push(v);
  while (queue.length > 0) {
    const v = queue.pop()!;
    if (status[v] !== 'undec') continue;
    status[v] = 'in';
    for (const w of defeats[v]!) {
      if (status[w] !== 'undec') continue;
      status[w] = 'out';
      for (const x of defeats[w]!) if (--remaining[x]! === 0 && status[x] === 'undec') queue.push(x);
    }
  }
  return status;
}
