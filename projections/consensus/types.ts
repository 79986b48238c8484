/**
 * A bipolar argumentation framework for one question. Edges read `[from, to]`: `[b, a]` in `attacks`
 * means b attacks a; `[b, a]` in `supports` means b supports a. Base scores (τ) are in [0, 1].
 */
export interface BipolarFramework {
  readonly arguments: readonly { readonly id: string; readonly base: number }[];
  readonly attacks: readonly (readonly [string, string])[];
  readonly supports: readonly (readonly [string, string])[];
}

export interface ConsensusOptions {
  /**
   * A cycle counts as settled when one more DF-QuAD sweep would move none of its strengths by more
   * than this. Default 1e-9. It bounds the residual, not the distance to the fixed point, which on a
   * slowly contracting cycle can be a few hundred times larger.
   */
  readonly tolerance?: number;
  /** Sweeps allowed per cyclic component before giving up with `converged: false`. Default 1000. */
  readonly maxIterations?: number;
}

/** Dung's grounded status: accepted (`in`), defeated (`out`), or neither (`undec`). */
export type GroundedStatus = 'in' | 'out' | 'undec';

export interface ConsensusResult {
  /** DF-QuAD strength per argument id, in [0, 1]. */
  readonly strength: Record<string, number>;
  /** Grounded status per argument id, over the attack relation only. */
  readonly grounded: Record<string, GroundedStatus>;
  /** False when some cyclic component hit the iteration cap before settling. */
  readonly converged: boolean;
  /** Sweeps taken by the slowest cyclic component; 0 when the graph is acyclic. */
  readonly iterations: number;
}
