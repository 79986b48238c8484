/**
 * A fixed-point solver for one strongly connected component of a gradual semantics, generic over
 * the update function, so that any model whose strength is σ(v) = f(σ)(v) can reuse it (DF-QuAD,
 * quadratic energy, or a richer model with undercuts and evidence weights).
 *
 * **Scheme.** Forward Euler with an adaptive step on the continuous-time system
 * dσ/dt = f(σ) − σ (Potyka, "Continuous Dynamical Systems for Weighted Bipolar Argumentation",
 * KR 2018), whose equilibria are exactly the fixed points σ = f(σ). A step moves every member at
 * once (Jacobi, never Gauss–Seidel, so the result does not depend on the order of `members`):
 *
 *     σ ← σ + h·r,   r = f(σ) − σ,   h ∈ [MIN_STEP, 1]
 *
 * h = 1 is plain Jacobi iteration, h = ½ the fixed damping used before; every step is a convex
 * combination of σ and f(σ), so values stay in [0, 1] whenever f's do (and are clamped against
 * rounding). The step starts at ½ and adapts:
 * - a trial step is *accepted* when its residual is no larger, in the Euclidean norm, than the
 *   largest of the last {@link ACCEPTANCE_WINDOW} accepted ones (a non-monotone rule, which lets
 *   the iteration follow a flow whose residual rises for a while); otherwise it is *rejected*:
 *   the values go back to the last accepted ones and the step is at least halved;
 * - from how the residual changed over the trial, r → r + y with y ≈ h·(J − I)·r, the step that
 *   would have minimised the linearised residual along r is h·(−r·y)/(y·y) (a minimal-residual,
 *   Barzilai–Borwein-like estimate): on a mode the step multiplied by a real ρ it is h / (1 − ρ),
 *   which lands on the zero of that mode, and on a rotating mode it is shorter. The next step is
 *   the smaller of that estimate and the current step grown gently (× {@link STEP_GROWTH}) after
 *   an accepted trial, or halved after a rejected one; never below {@link MIN_STEP}, at which a
 *   trial is taken whatever it does, so the iteration cannot freeze.
 *
 * **Why it settles dense attack cliques.** Near a fixed point σ*, the error e evolves as
 * e ← (I + h(J − I))·e with J the Jacobian of f at σ*. In a clique of n mutually attacking
 * arguments of base τ, J has one eigenvalue λ = −(n − 1)·c for the mode where all members move
 * together and n − 1 eigenvalues +c < 1 for the others (c = |∂f/∂σ| along one edge). A fixed step
 * h diverges in the common mode as soon as 1 + h(λ − 1) < −1: with h = ½ once λ < −3, which
 * DF-QuAD reaches from about 55 members at τ = 1 (λ grows like log n). The iterate then overshoots
 * by more at every sweep and flips between high and low values for ever, while every eigenvalue of
 * J − I has a negative real part (the fixed point attracts the continuous system), so a shorter
 * step contracts. Here the residual flips sign over a trial (ρ = 1 + h(λ − 1) < 0), the estimate
 * h / (1 − ρ) = 1/(1 − λ) is the step that cancels the common mode, and the cliques of 55 to 200
 * members tested settle in 5 to 30 steps. The same holds near any fixed point that attracts the
 * continuous-time flow. Where none does, or where the approach is very slow (a nearly neutral
 * mode, as on the cycle a ⇄ b with bases 0.98 and 1, whose error shrinks by 1% a step at best),
 * the solver stops at the cap and says so.
 *
 * **Convergence check.** The residual is max over members of |f(σ)(v) − σ(v)|, computed at the
 * values returned, never at an earlier or later iterate; `converged` is true exactly when it is
 * ≤ `tolerance`. It bounds the distance to the fixed point only up to the contraction rate.
 *
 * **Cost.** Each trial evaluates f once at every member: |C| + E(C) for a component C with E(C)
 * edges into its members. One evaluation is made before the first trial (for the residual of the
 * start), so the work is at most (maxIterations + 1) × (|C| + E(C)) plus O(|C|) per trial, and the
 * memory O(|C|).
 *
 * Deterministic: no randomness, no clock; the same inputs give bit-identical outputs.
 */

/** One fixed-point problem: the members to solve and the update function f. */
export interface CycleProblem {
  /**
   * The arguments solved together, as distinct indices into `strength`, in any order (the result
   * does not depend on it); everything else in `strength` is read as final.
   */
  readonly members: readonly number[];
  /**
   * f(σ)(v): v's new strength from the current `strength`. Must only read `strength` (the solver
   * writes it between sweeps over the members, never during one) and be deterministic; should
   * return a value in [0, 1].
   */
  evaluate(v: number, strength: Float64Array): number;
  /**
   * Edge evaluations one `evaluate(v, …)` performs, for time-slicing; default 1. The bipolar
   * frameworks count 1 + attackers + supporters.
   */
  cost?(v: number): number;
}

export interface CycleOutcome {
  /** True exactly when `residual` ≤ the tolerance. */
  readonly converged: boolean;
  /**
   * Trial steps taken, accepted or rejected (each one evaluation of f at every member); at most
   * maxIterations; 0 when the start is already a fixed point to within the tolerance.
   */
  readonly iterations: number;
  /** max over members of |f(σ)(v) − σ(v)| at the values left in `strength`. */
  readonly residual: number;
}

export interface CycleSettings {
  /** Largest residual accepted as converged; ≥ 0. */
  readonly tolerance: number;
  /** Most trial steps to take; each costs one evaluation of f at every member. */
  readonly maxIterations: number;
}

/** The first step: the damping of the former solver, which settles a ⇄ b at base 1 on ½ exactly. */
export const INITIAL_STEP = 0.5;
/** Largest step: plain Jacobi. Longer steps would extrapolate past f(σ). */
export const MAX_STEP = 1;
/** Smallest step; a trial of this step is accepted whatever it does. */
export const MIN_STEP = 1 / 1024;
/** Most the step grows from one accepted trial to the next. */
export const STEP_GROWTH = 1.2;
/** How many recent accepted residuals a trial is compared with. */
export const ACCEPTANCE_WINDOW = 5;
/** Work (edge evaluations) between two yields of {@link solveCycleSteps}: well under 1e5. */
export const CHUNK = 1 << 15;

/**
 * Solves `problem` in place in `strength`, starting from the values it holds for the members
 * (normally their base scores), as a generator: it yields, after each chunk of about
 * {@link CHUNK} edge evaluations (more only when a single `evaluate` costs more), the number of
 * edge evaluations done since the previous yield, and returns the outcome. The yields add up to
 * all the work done. A caller can time-slice a large cycle by pausing between yields; it must not
 * write `strength` for the members or their predecessors while paused.
 */
export function* solveCycleSteps(
  problem: CycleProblem,
  strength: Float64Array,
  settings: CycleSettings,
): Generator<number, CycleOutcome, void> {
  // In ascending order, so that sums over the members (and so every decision below) come out the
  // same, bit for bit, however the caller listed them.
  const members = Int32Array.from(problem.members).sort();
  const count = members.length;
  const costly = problem.cost !== undefined;
  const { tolerance, maxIterations } = settings;
  // f at the accepted values, f at the trial values, and the accepted values while on trial.
  let accepted = new Float64Array(count);
  let trial = new Float64Array(count);
  const saved = new Float64Array(count);
  let work = 0;

  // Plain loops rather than helpers: this is the inner loop of every cycle and every explanation.
  // f at the start: Jacobi, nothing is written while members are evaluated.
  let residual = 0;
  let merit = 0;
  for (let i = 0; i < count; i++) {
    const v = members[i]!;
    const value = problem.evaluate(v, strength);
    accepted[i] = value;
    const gap = value - strength[v]!;
    merit += gap * gap;
    // Written so that a NaN gap makes the residual NaN, which never counts as converged.
    if (!(Math.abs(gap) <= residual)) residual = Math.abs(gap);
    work += costly ? problem.cost!(v) : 1;
    if (work >= CHUNK) {
      yield work;
      work = 0;
    }
  }

  let iterations = 0;
  let step = INITIAL_STEP;
  // The merits of the last few accepted values, most recent last: a trial is measured against
  // the largest (a non-monotone acceptance rule, as in Grippo, Lampariello and Lucidi 1986).
  const recent = new Float64Array(ACCEPTANCE_WINDOW).fill(merit);
  let newest = 0;
  while (!(residual <= tolerance) && iterations < maxIterations) {
    for (let i = 0; i < count; i++) {
      const v = members[i]!;
      const current = strength[v]!;
      saved[i] = current;
      const moved = current + step * (accepted[i]! - current);
      strength[v] = moved < 0 ? 0 : moved > 1 ? 1 : moved;
    }
    iterations++;
    let trialResidual = 0;
    let trialMerit = 0;
    // y = r(trial) − r(accepted): r·y and y·y, for the step estimate below.
    let along = 0;
    let change = 0;
    for (let i = 0; i < count; i++) {
      const v = members[i]!;
      const value = problem.evaluate(v, strength);
      trial[i] = value;
      const gap = value - strength[v]!;
      const before = accepted[i]! - saved[i]!;
      trialMerit += gap * gap;
      along += before * (gap - before);
      change += (gap - before) * (gap - before);
      if (!(Math.abs(gap) <= trialResidual)) trialResidual = Math.abs(gap);
      work += costly ? problem.cost!(v) : 1;
      if (work >= CHUNK) {
        yield work;
        work = 0;
      }
    }
    // Over the trial the residual went from r to r + y with y ≈ h·(J − I)·r, so the step t that
    // minimises the linearised residual |r + (t/h)·y| along the same direction is h·(−r·y)/(y·y).
    // Without a decrease along the direction (r·y ≥ 0) there is no estimate.
    const estimate = along < 0 && change > 0 ? (step * -along) / change : Infinity;
    let reference = 0;
    for (let k = 0; k < ACCEPTANCE_WINDOW; k++) if (recent[k]! > reference) reference = recent[k]!;
    if (trialResidual <= tolerance || trialMerit <= reference || step <= MIN_STEP) {
      // Accepted: a fixed point, or no further from one (in the Euclidean norm of the residual)
      // than the furthest of the last few accepted values, or the smallest step (taken whatever it
      // does, so that the iteration cannot freeze).
      [accepted, trial] = [trial, accepted];
      residual = trialResidual;
      merit = trialMerit;
      newest = (newest + 1) % ACCEPTANCE_WINDOW;
      recent[newest] = merit;
      step = Math.min(MAX_STEP, step * STEP_GROWTH, estimate);
    } else {
      // Rejected: back to the accepted values, whose residual is known, with a shorter step.
      for (let i = 0; i < count; i++) strength[members[i]!] = saved[i]!;
      step = Math.min(step / 2, estimate);
    }
    step = Math.max(MIN_STEP, step);
  }
  if (work > 0) yield work;
  return { converged: residual <= tolerance, iterations, residual };
}

/** {@link solveCycleSteps} run to the end in one go. */
export function solveCycle(problem: CycleProblem, strength: Float64Array, settings: CycleSettings): CycleOutcome {
  const steps = solveCycleSteps(problem, strength, settings);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
