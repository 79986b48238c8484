/**
 * Consensus per question (DOMAIN.md). Two layers:
 *
 * - over any bipolar framework: `computeConsensus` (DF-QuAD strength and grounded status),
 *   `explainArgument`, `labelClaim`, `evidenceBaseScore`;
 * - over one question of the ledger: `buildQuestionFramework` turns a `QuestionView` into a
 *   framework, `computeQuestionConsensus` labels, explains and tallies every claim and gives the
 *   question's status and resolution check, `QuestionConsensusEngine` keeps that up to date event by
 *   event recomputing only what lies downstream of each change, and `diffConsensus` says what an
 *   event changed, for the timeline.
 *
 * Everything here is pure and deterministic: no I/O, no clock, no randomness.
 */
import { indexFramework } from './framework';
import { convergenceOf, solveFramework } from './incremental';
import { readOptions } from './options';
import type { BipolarFramework, ConsensusOptions, ConsensusResult, GroundedStatus } from './types';

export { ConsensusInputError } from './errors';
export { DEFAULT_MAX_ITERATIONS, DEFAULT_TOLERANCE } from './options';
export type { BipolarFramework, ConsensusOptions, ConsensusResult, GroundedStatus } from './types';
export {
  DEFAULT_EVIDENCE_BASE_SCORES,
  evidenceBaseScore,
  type Credibility,
  type EvidenceBaseScoreTable,
  type Reliability,
} from './evidence-base-score';
export { explainArgument, type Contribution, type ExplainOptions, type Explanation } from './explain';
export {
  DEFAULT_LABEL_THRESHOLDS,
  labelClaim,
  type ClaimLabel,
  type ClaimStanding,
  type LabelThresholds,
} from './labels';
export {
  buildQuestionFramework,
  CLAIM_BASE_SCORE,
  claimArgumentId,
  evidenceArgumentId,
  type ArgumentOrigin,
  type QuestionFramework,
} from './question-framework';
export {
  computeQuestionConsensus,
  stepQuestionConsensus,
  type QuestionConsensusOptions,
  type QuestionConsensusState,
} from './question-consensus';
export type {
  ClaimConsensus,
  ClaimContributor,
  ClaimExplanation,
  Contributor,
  EvidenceContributor,
  QuestionConsensus,
  QuestionConsensusSettings,
  QuestionStatus,
  ResolutionCheck,
  ResolutionDisagreement,
} from './question-consensus-types';
export { checkResolution, questionStatus } from './question-status';
export { tallyStances, type StanceTally } from './stances';
export { QuestionConsensusEngine, affectedClaimIds, claimsCitingSource } from './question-consensus-engine';
export { diffConsensus, type ConsensusChange } from './consensus-diff';

/**
 * Consensus over one question's bipolar argumentation framework: a DF-QuAD strength and a grounded
 * status for every argument. Pure and deterministic: listing the same arguments and edges in any
 * order gives an identical result, down to the last bit.
 *
 * Edges read `[from, to]` (`attacks: [['b', 'a']]` means b attacks a). A repeated edge counts once;
 * an argument may attack or support itself.
 *
 * **Strength** (DF-QuAD; Rago, Cyras, Toni, Baroni, KR 2016): σ(a) = combine(τ(a), F(σ of attackers),
 * F(σ of supporters)) with F() = 0, F(v1..vn) = 1 − Π(1 − vi), and combine(v0, va, vs) =
 * v0 − v0·(va − vs) when va ≥ vs, else v0 + (1 − v0)·(vs − va). The graph is split into strongly
 * connected components (iterative Tarjan) and solved in topological order of their condensation:
 * arguments on no cycle get the exact value; each cycle is iterated on its own by damped Jacobi
 * sweeps starting from the base scores, each sweep moving every member halfway to its DF-QuAD
 * value (why: `CYCLE_DAMPING` in df-quad.ts), until one more sweep would move no member by more
 * than `tolerance` (default 1e-9) or `maxIterations` sweeps (default 1000) have run. A cycle that
 * has not settled by then passes its last iterate downstream and makes `converged` false;
 * `iterations` is the sweeps taken by the slowest cycle (0 when there is none). Work is bounded by
 * maxIterations × (V + E).
 *
 * **Grounded status** (Dung): over attacks only, `in` when every attacker is `out`, `out` when some
 * attacker is `in`, otherwise `undec`; the least fixed point, by propagation in O(V + E).
 *
 * @throws ConsensusInputError naming the offending field (`arguments[2].base`, `attacks[3][1]`,
 *   `options.tolerance`, …) for a duplicate id, an edge to an unknown id, a base score outside
 *   [0, 1] or NaN, or a malformed option.
 */
export function computeConsensus(framework: BipolarFramework, options?: ConsensusOptions): ConsensusResult {
  const settings = readOptions(options);
  const solution = solveFramework(indexFramework(framework), settings);

  // Null-prototype records, so that an argument called "__proto__" is just another key.
  const strength: Record<string, number> = Object.create(null);
  const grounded: Record<string, GroundedStatus> = Object.create(null);
  solution.framework.ids.forEach((id, i) => {
    strength[id] = solution.strength[i]!;
    grounded[id] = solution.grounded[i]!;
  });
  return { strength, grounded, ...convergenceOf(solution) };
}
