/**
 * A bipolar argumentation framework for one question. Edges read `[from, to]`: `[b, a]` in `attacks`
 * means b attacks a; `[b, a]` in `supports` means b supports a. Base scores (τ) are in [0, 1].
 */
export interface BipolarFramework {
  readonly arguments: readonly { readonly id: string; readonly base: number }[];
  readonly attacks: readonly (readonly [string, string])[];
  readonly supports: readonly (readonly [string, string])[];
}

/**
 * The gradual semantics giving each argument its strength:
 * - `df-quad`: DF-QuAD (Rago, Toni, Aurisicchio, Baroni; KR 2016), F(v1..vn) = 1 − Π(1 − vi) on
 *   each side, the stronger side moving the base score by the difference;
 * - `quadratic-energy`: Potyka's quadratic energy semantics (KR 2018), energy = Σ supporters −
 *   Σ attackers, moving the base score by h(E) = max(0, E)² / (1 + max(0, E)²).
 */
export type Semantics = 'df-quad' | 'quadratic-energy';

export interface ConsensusOptions {
  /**
   * A cycle counts as converged when the values returned are a fixed point to within this:
   * max over its members of |f(σ)(v) − σ(v)|, computed at the returned σ, is ≤ tolerance.
   * Default 1e-9. It bounds the residual, not the distance to the fixed point, which on a slowly
   * contracting cycle can be a few hundred times larger.
   */
  readonly tolerance?: number;
  /**
   * Steps allowed per cyclic component before giving up with `converged: false`; each costs one
   * evaluation of every member, so a component C costs at most (maxIterations + 1) × (|C| + E(C)).
   * Default 1000.
   */
  readonly maxIterations?: number;
  /** The gradual semantics; default `df-quad` (see {@link Semantics}). */
  readonly semantics?: Semantics;
}

/** Dung's grounded status: accepted (`in`), defeated (`out`), or neither (`undec`). */
export type GroundedStatus = 'in' | 'out' | 'undec';

export interface ConsensusResult {
  /** Strength per argument id under the chosen semantics (DF-QuAD by default), in [0, 1]. */
  readonly strength: Record<string, number>;
  /** Grounded status per argument id, over the attack relation only. */
  readonly grounded: Record<string, GroundedStatus>;
  /**
   * False when some cyclic component hit the iteration cap with a residual above the tolerance;
   * true means every component's returned values are a fixed point to within the tolerance.
   */
  readonly converged: boolean;
  /** Steps taken by the slowest cyclic component; 0 when the graph is acyclic. */
  readonly iterations: number;
}
