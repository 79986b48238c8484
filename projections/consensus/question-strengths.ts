import { solveCycleSteps, type CycleOutcome } from './cycle-solver';
import type { SolveSettings } from './df-quad';
import { sameStrengthInputs, type QuestionGraph } from './question-graph';
import { evaluateArgument, type Semantics } from './question-semantics';
import { stronglyConnectedComponents } from './scc';

/** Strengths of every argument of one question graph, and how the cycles among them settled. */
export interface StrengthSolution {
  readonly graph: QuestionGraph;
  readonly strength: Float64Array;
  /** Per cyclic component, by its smallest member's id: how its iteration ended. */
  readonly cycles: ReadonlyMap<string, CycleOutcome>;
  /** The arguments whose strengths were computed rather than carried over, ascending. */
  readonly region: readonly number[];
}

export interface SolveRequest {
  readonly graph: QuestionGraph;
  readonly semantics: Semantics;
  readonly settings: SolveSettings;
  /** The last solution of the same question under the same semantics and settings, if any. */
  readonly previous?: StrengthSolution;
}

/** Edge evaluations between two yields: a few milliseconds of work. */
const WORK_PER_STEP = 50_000;

/**
 * Solves the graph's strengths: strongly connected components in topological order, each acyclic
 * one by one evaluation, each cycle by the cycle solver from its members' base scores.
 *
 * With `previous`, only the region downstream of a change is solved: the arguments whose direct
 * inputs (base and incoming edges, `sameStrengthInputs`) differ from the previous graph's or that are new,
 * and everything reachable from them. Outside it nothing has a changed ancestor, so the carried-over
 * strengths are what a full solve gives, bit for bit: the same components are solved from the same
 * inputs in the same way. Finding the region costs O(V + E); it needs nothing from the caller about
 * what changed, so no view can change in a way the engine does not see.
 *
 * A generator: it yields, after each few thousand edge evaluations, the work done since the last
 * yield, so that a caller can spread a big solve over several turns of the event loop
 * (`runSteps`/`runStepsSliced`). Everything it reads is in the graph, which never changes.
 */
export function* solveStrengthSteps(request: SolveRequest): Generator<number, StrengthSolution, void> {
  const { graph, semantics, settings, previous } = request;
  const n = graph.ids.length;
  const strength = new Float64Array(n);
  const inRegion = regionOf(graph, previous);
  const cycles = new Map<string, CycleOutcome>();
  const components = stronglyConnectedComponents(graph.successors);
  let work = 0;
  for (const members of components) {
    const first = members[0]!;
    if (!inRegion[first]) {
      for (const v of members) strength[v] = previous!.strength[previous!.graph.indexOf.get(graph.ids[v]!)!]!;
      const carried = previous!.cycles.get(graph.ids[first]!);
      if (carried) cycles.set(graph.ids[first]!, carried);
      continue;
    }
    if (members.length === 1) {
      strength[first] = evaluateArgument(graph, semantics, strength, first);
      work += 1 + graph.attackers[first]!.length + graph.supporters[first]!.length + graph.undercutters[first]!.length;
      if (work >= WORK_PER_STEP) {
        yield work;
        work = 0;
      }
      continue;
    }
    for (const v of members) strength[v] = graph.base[v]!;
    const outcome = yield* solveCycleSteps(
      {
        members,
        evaluate: (v, values) => evaluateArgument(graph, semantics, values, v),
        cost: (v) => 1 + graph.attackers[v]!.length + graph.supporters[v]!.length + graph.undercutters[v]!.length,
      },
      strength,
      settings,
    );
    cycles.set(graph.ids[first]!, outcome);
  }
  if (work > 0) yield work;
  const region: number[] = [];
  for (let v = 0; v < n; v++) if (inRegion[v]) region.push(v);
  return { graph, strength, cycles, region };
}

/** 1 for every argument to solve: all without `previous`, else the changed ones and their descendants. */
function regionOf(graph: QuestionGraph, previous: StrengthSolution | undefined): Uint8Array {
  const n = graph.ids.length;
  const inRegion = new Uint8Array(n);
  if (!previous) return inRegion.fill(1);
  const stack: number[] = [];
  for (let v = 0; v < n; v++) {
    const before = previous.graph.indexOf.get(graph.ids[v]!);
    if (before === undefined || !sameStrengthInputs(graph, v, previous.graph, before)) {
      inRegion[v] = 1;
      stack.push(v);
    }
  }
  while (stack.length > 0) {
    const v = stack.pop()!;
    for (const w of graph.successors[v]!) {
      if (inRegion[w]) continue;
      inRegion[w] = 1;
      stack.push(w);
    }
  }
  return inRegion;
}

/** Whether every cycle settled, the most sweeps any took, and the largest residual left. */
export function convergence(solution: StrengthSolution): { converged: boolean; iterations: number; residual: number } {
  let converged = true;
  let iterations = 0;
  let residual = 0;
  for (const outcome of solution.cycles.values()) {
    converged &&= outcome.converged;
    iterations = Math.max(iterations, outcome.iterations);
    residual = Math.max(residual, outcome.residual);
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
