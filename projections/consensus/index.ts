/**
 * Consensus per question (DOMAIN.md, "Consensus per question: what a label promises";
 * docs/consensus.md). Two layers:
 *
 * - over any bipolar framework: `computeConsensus` (pure DF-QuAD or quadratic-energy strengths and
 *   grounded status over attacks, reproducing the published values), `explainArgument`;
 * - over one question of the ledger: `buildQuestionGraph` (claims, evidence weighted by verification
 *   and appraisal, supports, rebuttals, undercuts, rivals), then strengths, preference-based defeats,
 *   their grounded labelling and grounding, and labels under the question's proof standard.
 *   `computeQuestionConsensus` is the reference implementation (from scratch);
 *   `QuestionConsensusEngine` the incremental one (re-solves only downstream of a change); both
 *   share every step but the choice of what to re-solve. `explainClaim` explains one claim.
 *
 * Everything here is pure and deterministic: no I/O, no clock, no unseeded randomness.
 */
import { indexFramework } from './framework';
import { convergenceOf, solveFramework } from './incremental';
import { readOptions } from './options';
import type { BipolarFramework, ConsensusOptions, ConsensusResult, GroundedStatus } from './types';

export { ConsensusInputError } from './errors';
export { DEFAULT_MAX_ITERATIONS, DEFAULT_TOLERANCE } from './options';
export {
  solveCycle,
  solveCycleSteps,
  type CycleOutcome,
  type CycleProblem,
  type CycleSettings,
} from './cycle-solver';
export {
  aggregate,
  combine,
  dfQuadAggregate,
  dfQuadInfluence,
  gradualStrength,
} from './df-quad';
export {
  quadraticEnergyAggregate,
  quadraticEnergyInfluence,
  quadraticEnergyStrength,
  quadraticImpact,
} from './quadratic-energy';
export type { BipolarFramework, ConsensusOptions, ConsensusResult, GroundedStatus, Semantics } from './types';
export {
  DEFAULT_EVIDENCE_BASE_SCORES,
  checkBaseScoreTable,
  evidenceBaseScore,
  type Credibility,
  type EvidenceBaseScoreTable,
  type Reliability,
} from './evidence-base-score';
export { explainArgument, type Contribution as ArgumentContribution, type ExplainOptions, type Explanation } from './explain';
export { CLAIM_LABELS, labelClaim, type ClaimLabel, type ClaimStanding, type ContestedBecause } from './labels';
export {
  atLeast,
  atMost,
  checkProofStandards,
  DEFAULT_PROOF_STANDARDS,
  THRESHOLD_TOLERANCE,
  type ProofStandard,
  type ProofStandardTable,
  type ProofThresholds,
} from './proof-standards';
export {
  buildQuestionGraph,
  CLAIM_BASE_SCORE,
  claimArgumentId,
  evidenceArgumentId,
  evidenceWeight,
  type QuestionGraph,
  type SourceFacts,
  type SourceLookup,
} from './question-graph';
export { DEFAULT_SEMANTICS, SEMANTICS } from './options';
export {
  computeQuestionConsensus,
  consensusSteps,
  QuestionSolution,
  resolveSettings,
  type ClaimDetail,
  type ConsensusSolution,
  type ResolvedSettings,
} from './question-consensus';
export { runSteps, runStepsSliced } from './question-strengths';
export { noteTouched, nothingTouched, type Touched, type TouchedRelation } from './touched';
export { explainClaim, EXACT_SHAPLEY_MAX_PLAYERS, SHAPLEY_SAMPLES } from './claim-explanation';
export { nameClaim, nameSource, shorten } from './claim-reading';
export type {
  ClaimConsensus,
  ClaimExplanation,
  Contribution,
  EvidenceConsensus,
  Ground,
  Lead,
  Opponent,
  QuestionConsensus,
  QuestionConsensusSettings,
  QuestionStatus,
  ResolutionCheck,
  ResolutionDisagreement,
} from './question-consensus-types';
export { checkResolution, questionStatus } from './question-status';
export { tallyStances, type StanceTally } from './stances';
export { QuestionConsensusEngine } from './question-consensus-engine';
export { diffConsensus, diffConsensusAt, type ConsensusChange } from './consensus-diff';

/**
 * Consensus over one bare bipolar argumentation framework: a strength per argument under the chosen
 * semantics (DF-QuAD by default) and a grounded status over attacks. Pure and deterministic:
 * listing the same arguments and edges in any order gives an identical result, down to the last bit.
 *
 * Edges read `[from, to]` (`attacks: [['b', 'a']]` means b attacks a). A repeated edge counts once;
 * an argument may attack or support itself.
 *
 * **Strength** (DF-QuAD; Rago, Toni, Aurisicchio, Baroni, KR 2016): σ(a) = combine(τ(a), F(σ of attackers),
 * F(σ of supporters)) with F() = 0, F(v1..vn) = 1 − Π(1 − vi), and combine(v0, va, vs) =
 * v0 − v0·(va − vs) when va ≥ vs, else v0 + (1 − v0)·(vs − va). The graph is split into strongly
 * connected components and solved in topological order of their condensation: arguments on no
 * cycle get the exact value; each cycle is iterated by the cycle solver (cycle-solver.ts) until the
 * residual on the values returned is within `tolerance`, or `converged` is false.
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
