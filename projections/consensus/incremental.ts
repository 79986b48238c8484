import { solveComponent, type SolveSettings } from './df-quad';
import { DEFAULT_SEMANTICS } from './options';
import type { IndexedFramework } from './framework';
import { labelRegion } from './grounded';
import { stronglyConnectedComponents } from './scc';
import type { GroundedStatus } from './types';

/** Strengths and grounded labels of every argument of one indexed framework. */
export interface FrameworkSolution {
  readonly framework: IndexedFramework;
  readonly strength: Float64Array;
  readonly grounded: readonly GroundedStatus[];
  /** Trial steps taken by the cycle solver on the argument's component; 0 off a cycle. */
  readonly sweeps: Int32Array;
  /** 1 when the argument's component converged: its residual is within the tolerance. */
  readonly settled: Uint8Array;
  /**
   * The residual of the argument's component at the returned strengths, max |f(σ)(u) − σ(u)| over
   * its members; 0 off a cycle. `settled` is 1 exactly when this is ≤ the tolerance.
   */
  readonly residuals: Float64Array;
  /** The settings it was solved under, semantics filled in. */
  readonly settings: Required<SolveSettings>;
}

/** A solution and what was solved to get it. */
export interface RegionSolution extends FrameworkSolution {
  /** The arguments whose values were computed rather than carried over, ascending. */
  readonly region: readonly number[];
  /** The region's strongly connected components, in topological order; they cover it exactly. */
  readonly components: readonly (readonly number[])[];
}

/**
 * Solves every argument, under `settings.semantics` (default DF-QuAD): the region is the whole
 * framework.
 */
export function solveFramework(framework: IndexedFramework, settings: SolveSettings): RegionSolution {
  const n = framework.ids.length;
  return solveRegion(
    framework,
    Array.from({ length: n }, (_, v) => v),
    emptyValues(n),
    resolved(settings),
  );
}

/**
 * Solves `next` again from `previous`, recomputing only what lies downstream of a change and carrying
 * every other argument's strength and grounded label over unchanged.
 *
 * `changed` names the arguments whose base score or edges changed; naming either end of an added or
 * removed edge is enough. Arguments that appeared or disappeared are found without being named.
 * The region recomputed is everything reachable, along attacks and supports in `next`, from the
 * named arguments, from the new ones, and from the successors (before and after) of both and of the
 * removed ones. Outside it nothing has a changed ancestor, and an argument's strength and grounded
 * label depend only on its ancestors, so the carried-over values are what a full solve would give,
 * bit for bit (the same components are solved from the same inputs in the same order). Inside, the
 * region's components are re-solved in topological order and its grounded labels restart from
 * `undec` with the outside held fixed ({@link labelRegion}).
 *
 * When `settings` (tolerance, cap or semantics) differ from those `previous` was solved under,
 * nothing can be carried over and everything is solved again.
 *
 * Cost: O(V + E) to match `previous` to `next` by id, plus O(|R| log |R| + E(R)) for the region R and
 * its edges, plus up to (maxIterations + 1) × (|C| + E(C)) for each cyclic component C inside R.
 */
export function resolveDownstream(
  previous: FrameworkSolution,
  next: IndexedFramework,
  changed: Iterable<string>,
  settings: SolveSettings,
): RegionSolution {
  const now = resolved(settings);
  if (!sameSettings(previous.settings, now)) return solveFramework(next, now);
  const before = previous.framework;
  const n = next.ids.length;
  const seeds: number[] = [];
  const seedWithSuccessors = (id: string) => {
    const now = next.indexOf.get(id);
    if (now !== undefined) seeds.push(now, ...next.influenced[now]!);
    const then = before.indexOf.get(id);
    if (then === undefined) return;
    for (const w of before.influenced[then]!) {
      const mapped = next.indexOf.get(before.ids[w]!);
      if (mapped !== undefined) seeds.push(mapped);
    }
  };
  for (const id of changed) seedWithSuccessors(id);
  for (const id of next.ids) if (!before.indexOf.has(id)) seedWithSuccessors(id);
  for (const id of before.ids) if (!next.indexOf.has(id)) seedWithSuccessors(id);

  const inRegion = new Uint8Array(n);
  const region: number[] = [];
  for (const seed of seeds) {
    if (inRegion[seed]) continue;
    inRegion[seed] = 1;
    region.push(seed);
  }
  for (let head = 0; head < region.length; head++) {
    for (const w of next.influenced[region[head]!]!) {
      if (inRegion[w]) continue;
      inRegion[w] = 1;
      region.push(w);
    }
  }
  region.sort((a, b) => a - b);

  const carried = emptyValues(n);
  for (let v = 0; v < n; v++) {
    if (inRegion[v]) continue;
    const then = before.indexOf.get(next.ids[v]!)!;
    carried.strength[v] = previous.strength[then]!;
    carried.grounded[v] = previous.grounded[then]!;
    carried.sweeps[v] = previous.sweeps[then]!;
    carried.settled[v] = previous.settled[then]!;
    carried.residuals[v] = previous.residuals[then]!;
  }
  return solveRegion(next, region, carried, now);
}

interface Values {
  strength: Float64Array;
  grounded: GroundedStatus[];
  sweeps: Int32Array;
  settled: Uint8Array;
  residuals: Float64Array;
}

function emptyValues(n: number): Values {
  return {
    strength: new Float64Array(n),
    grounded: new Array<GroundedStatus>(n).fill('undec'),
    sweeps: new Int32Array(n),
    settled: new Uint8Array(n).fill(1),
    residuals: new Float64Array(n),
  };
}

function resolved(settings: SolveSettings): Required<SolveSettings> {
  return {
    tolerance: settings.tolerance,
    maxIterations: settings.maxIterations,
    semantics: settings.semantics ?? DEFAULT_SEMANTICS,
  };
}

function sameSettings(a: Required<SolveSettings>, b: Required<SolveSettings>): boolean {
  return a.tolerance === b.tolerance && a.maxIterations === b.maxIterations && a.semantics === b.semantics;
}

/**
 * The ids whose presence, base score, attackers or supporters differ between two frameworks: a
 * complete `changed` for {@link resolveDownstream} when the caller cannot say what changed. O(V + E).
 */
export function changedArguments(before: IndexedFramework, after: IndexedFramework): string[] {
  const sameSources = (a: readonly number[], b: readonly number[]) =>
    a.length === b.length && a.every((u, i) => before.ids[u] === after.ids[b[i]!]);
  const changed: string[] = [];
  after.ids.forEach((id, v) => {
    const then = before.indexOf.get(id);
    if (
      then === undefined ||
      before.base[then] !== after.base[v] ||
      !sameSources(before.attackers[then]!, after.attackers[v]!) ||
      !sameSources(before.supporters[then]!, after.supporters[v]!)
    ) {
      changed.push(id);
    }
  });
  for (const id of before.ids) if (!after.indexOf.has(id)) changed.push(id);
  return changed;
}

/**
 * Solves the arguments in `region` (ascending, closed under attack and support) into `values`,
 * whose entries outside the region are taken as final. Since the region is forward-closed, every
 * component meeting it lies inside it, so its components are those of the subgraph it induces.
 */
function solveRegion(
  framework: IndexedFramework,
  region: readonly number[],
  values: Values,
  settings: Required<SolveSettings>,
): RegionSolution {
  const local = new Map(region.map((v, i) => [v, i]));
  const successors = region.map((v) => framework.influenced[v]!.map((w) => local.get(w)!));
  const components = stronglyConnectedComponents(successors).map((members) => members.map((i) => region[i]!));
  for (const members of components) {
    const solved = solveComponent(framework, values.strength, members, settings);
    for (const v of members) {
      values.sweeps[v] = solved.iterations;
      values.settled[v] = solved.converged ? 1 : 0;
      values.residuals[v] = solved.residual;
    }
  }
  labelRegion(framework, values.grounded, region);
  return { framework, ...values, settings, region, components };
}

/** Whether every cyclic component settled, and the most sweeps any took: what a full solve reports. */
export function convergenceOf(solution: FrameworkSolution): { converged: boolean; iterations: number } {
  let iterations = 0;
  for (const sweeps of solution.sweeps) iterations = Math.max(iterations, sweeps);
  return { converged: solution.settled.every((flag) => flag === 1), iterations };
}

/**
 * The largest residual of any component at the returned strengths (0 when acyclic): `converged`
 * of {@link convergenceOf} is true exactly when this is ≤ the tolerance.
 */
export function residualOf(solution: FrameworkSolution): number {
  let residual = 0;
  for (const r of solution.residuals) if (!(r <= residual)) residual = r;
  return residual;
}
