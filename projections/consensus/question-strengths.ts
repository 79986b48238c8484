import { solveCycleSteps, type CycleOutcome } from './cycle-solver';
import type { SolveSettings } from './df-quad';
import { sortById, type QuestionGraph } from './question-graph';
import { evaluateArgument } from './question-semantics';
import { stronglyConnectedComponents } from './scc';
import type { Semantics } from './types';

/** Edge evaluations between two yields: a few milliseconds of work. */
const WORK_PER_STEP = 50_000;

/**
 * The live arguments downstream of `seeds` (the seeds themselves included, when live), along
 * attacks, supports and undercuts: everything whose strength or standing a change at the seeds can
 * move. O(region + its edges).
 */
export function downstreamOf(graph: QuestionGraph, seeds: Iterable<number>): number[] {
  const inRegion = new Uint8Array(graph.size);
  const region: number[] = [];
  const stack: number[] = [];
  for (const v of seeds) {
    if (inRegion[v] || !graph.nodes[v]) continue;
    inRegion[v] = 1;
    stack.push(v);
  }
  while (stack.length > 0) {
    const v = stack.pop()!;
    region.push(v);
    for (const w of graph.successors[v]!) {
      if (inRegion[w] || !graph.nodes[w]) continue;
      inRegion[w] = 1;
      stack.push(w);
    }
  }
  return region;
}

/**
 * Solves the strengths of `region` (downstream-closed, see {@link downstreamOf}) in place in
 * `strength`, everything outside it read as final: its strongly connected components in
 * topological order, an acyclic one by one evaluation, a cycle by the cycle solver from its members'
 * base scores, members in id order. Solving the whole graph this way and solving only the region
 * downstream of a change give the same values bit for bit: the same components are solved from the
 * same inputs in the same way. `cycles` keeps each cycle's outcome by its smallest member's id; the
 * region's entries are replaced.
 *
 * A generator: it yields, after each few thousand edge evaluations, the work done since the last
 * yield, so that a caller can spread a big solve over several turns of the event loop
 * (`runSteps`/`runStepsSliced`).
 */
export function* solveRegionSteps(
  graph: QuestionGraph,
  semantics: Semantics,
  settings: SolveSettings,
  strength: Float64Array,
  region: readonly number[],
  cycles: Map<string, CycleOutcome>,
): Generator<number, void, void> {
  yield* solveRegionWith(graph, settings, strength, region, cycles, (v, values) => evaluateArgument(graph, semantics, values, v), (v) => graph.base[v]!);
}

/**
 * {@link solveRegionSteps} with any update function `evaluate` that reads only upstream values and
 * a cycle's own members, from `start(v)` on a cycle: what the grounded strengths are solved with.
 */
export function* solveRegionWith(
  graph: QuestionGraph,
  settings: SolveSettings,
  values: Float64Array,
  region: readonly number[],
  cycles: Map<string, CycleOutcome>,
  evaluate: (v: number, values: Float64Array) => number,
  start: (v: number) => number,
): Generator<number, void, void> {
  for (const v of region) cycles.delete(graph.ids[v]!);
  const cost = (v: number) => 1 + graph.attackers[v]!.length + graph.supporters[v]!.length + graph.undercutters[v]!.length;
  let work = 0;
  for (const members of componentsOf(graph, region)) {
    if (members.length === 1 && !graph.successors[members[0]!]!.includes(members[0]!)) {
      const v = members[0]!;
      values[v] = evaluate(v, values);
      work += cost(v);
      if (work >= WORK_PER_STEP) {
        yield work;
        work = 0;
      }
      continue;
    }
    sortById(graph, members);
    for (const v of members) values[v] = start(v);
    const outcome = yield* solveCycleSteps({ members, evaluate, cost }, values, settings);
    cycles.set(graph.ids[members[0]!]!, outcome);
  }
  if (work > 0) yield work;
}

/**
 * The strongly connected components of the subgraph on `region`, in topological order (every edge
 * between two goes from an earlier to a later one): `stronglyConnectedComponents` over the region
 * renumbered, so that its cost is the region's, not the question's.
 */
function componentsOf(graph: QuestionGraph, region: readonly number[]): number[][] {
  const local = new Map<number, number>();
  region.forEach((v, i) => local.set(v, i));
  const successors = region.map((v) => {
    const inside: number[] = [];
    for (const w of graph.successors[v]!) {
      const j = local.get(w);
      if (j !== undefined) inside.push(j);
    }
    return inside;
  });
  return stronglyConnectedComponents(successors).map((members) => members.map((i) => region[i]!));
}

/** Whether every cycle settled, the most steps any took, and the largest residual left. */
export function convergence(...all: ReadonlyMap<string, CycleOutcome>[]): { converged: boolean; iterations: number; residual: number } {
  let converged = true;
  let iterations = 0;
  let residual = 0;
  for (const cycles of all) {
    for (const outcome of cycles.values()) {
      converged &&= outcome.converged;
      iterations = Math.max(iterations, outcome.iterations);
      residual = Math.max(residual, outcome.residual);
    }
  }
  return { converged, iterations, residual };
}

/** Runs a stepwise computation to its end, at once. */
export function runSteps<T>(steps: Generator<number, T, void>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * Runs a stepwise computation a slice at a time, giving the event loop back after each slice of
 * about `sliceMs` (so that `/health` and other requests are answered while a big question is
 * solved).
 */
export async function runStepsSliced<T>(steps: Generator<number, T, void>, sliceMs = 15): Promise<T> {
  for (;;) {
    const started = performance.now();
    for (;;) {
      const next = steps.next();
      if (next.done) return next.value;
      if (performance.now() - started >= sliceMs) break;
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
