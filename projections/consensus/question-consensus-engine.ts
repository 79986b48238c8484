import type { QuestionView } from '../questions/questions.projection';
import { explainClaim } from './claim-explanation';
import { diffConsensus, type ConsensusChange } from './consensus-diff';
import { consensusSteps, resolveSettings, type ConsensusSolution, type ResolvedSettings } from './question-consensus';
import type { ClaimExplanation, QuestionConsensus, QuestionConsensusSettings } from './question-consensus-types';
import type { SourceLookup } from './question-graph';
import { runSteps } from './question-strengths';

/**
 * Keeps one question's consensus up to date, re-solving only the part of its graph downstream of
 * what changed since the last update: the incremental counterpart of the reference
 * `computeQuestionConsensus`, with which it agrees bit for bit (property-tested). It finds what
 * changed itself, by comparing each argument's base and incoming edges with the last graph's, so it
 * needs no hint from the caller and cannot miss a change however the view was updated.
 *
 * An update costs O(V + E) of linear passes (building the graph, comparing it, defeats, grounding,
 * labels) plus the strengths of the region downstream of the change, where all the solving happens.
 * `updateSteps` gives that work in steps, to spread a big question over several turns of the event
 * loop; `update` does it at once.
 */
export class QuestionConsensusEngine {
  private readonly settings: ResolvedSettings;
  private solution: ConsensusSolution | undefined;
  private before: QuestionConsensus | null = null;

  constructor(settings: QuestionConsensusSettings = {}) {
    this.settings = resolveSettings(settings);
  }

  /** The consensus of `question` as the view holds it now, at once. */
  update(question: QuestionView, sourceOf: SourceLookup): QuestionConsensus {
    return runSteps(this.updateSteps(question, sourceOf));
  }

  /** {@link update} in steps (see `runStepsSliced`). The question is read before the first step. */
  *updateSteps(question: QuestionView, sourceOf: SourceLookup): Generator<number, QuestionConsensus, void> {
    const previous = this.solution?.question.id === question.id ? this.solution : undefined;
    const solution = yield* consensusSteps(question, sourceOf, this.settings, previous);
    this.before = this.solution?.consensus ?? null;
    this.solution = solution;
    return solution.consensus;
  }

  /** The last result, or null before the first update. */
  get current(): QuestionConsensus | null {
    return this.solution?.consensus ?? null;
  }

  /** The argument ids the last update re-solved, ascending: what it cost. */
  get recomputed(): readonly string[] {
    const s = this.solution;
    return s ? s.strengths.region.map((v) => s.graph.ids[v]!) : [];
  }

  /** Why a claim stands where it does in the last result (see `explainClaim`); undefined for an unknown claim. */
  explain(claimId: string): ClaimExplanation | undefined {
    return this.solution ? explainClaim(this.solution, claimId) : undefined;
  }

  /** What changed from `before` (by default the result before the last update) to the current result. */
  changesSince(before: QuestionConsensus | null = this.before, strengthThreshold?: number): ConsensusChange[] {
    const after = this.current;
    if (after === null) throw new Error('changesSince: nothing computed yet');
    return diffConsensus(before, after, strengthThreshold);
  }
}
