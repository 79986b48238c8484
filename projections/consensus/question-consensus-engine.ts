import type { QuestionView } from '../questions/questions.projection';
import { explainClaim } from './claim-explanation';
import { diffConsensus, diffConsensusAt, type ConsensusChange } from './consensus-diff';
import { QuestionSolution, resolveSettings, type ClaimDetail, type ResolvedSettings } from './question-consensus';
import type { ClaimExplanation, QuestionConsensus, QuestionConsensusSettings } from './question-consensus-types';
import { buildQuestionGraph, type SourceLookup } from './question-graph';
import { runSteps } from './question-strengths';
import type { Touched } from './touched';

/**
 * Keeps one question's consensus up to date: the incremental counterpart of the reference
 * `computeQuestionConsensus`, with which it agrees bit for bit (property-tested on random histories
 * using every kind of event).
 *
 * It keeps the question's graph and changes it in place, entity by entity: the caller says what the
 * events since the last update touched (`Touched`, filled by `noteTouched` for each event, whose
 * switch over event types is exhaustive), and the engine reads those entities' current state from
 * the view. Then only the region downstream of what changed is re-solved, and only the entries of
 * claims that read anything that changed are redone. Without `touched` (or for another question) it
 * builds the graph afresh.
 *
 * Per update: O(touched) to change the graph, O(region + its edges) plus the cycles inside it to
 * solve, O(changed entries) to redo them (the question's status kept by a tally of the entries,
 * `StatusTally`), and one copy of the claims' and evidence's lists of pointers for the result, so
 * that an earlier result a reader holds never changes. `changesSince` the previous result compares
 * only the entries redone.
 * `updateSteps` gives the work in steps, to spread it over turns of the event loop; `update` does it
 * at once. The view is read before the first step.
 */
export class QuestionConsensusEngine {
  private readonly settings: ResolvedSettings;
  private solution: QuestionSolution | undefined;
  private before: QuestionConsensus | null = null;
  /** Whether the last update changed the solution `before` came from (rather than starting afresh). */
  private incremental = false;

  /** `detail`: how much each claim's entry holds (`ClaimDetail`); `labels` for a fold that keeps only the changes. */
  constructor(
    settings: QuestionConsensusSettings = {},
    private readonly detail: ClaimDetail = 'full',
  ) {
    this.settings = resolveSettings(settings);
  }

  /** The consensus of `question` as the view holds it now, at once. */
  update(question: QuestionView, sourceOf: SourceLookup, touched?: Touched): QuestionConsensus {
    return runSteps(this.updateSteps(question, sourceOf, touched));
  }

  /** {@link update} in steps (see `runStepsSliced`). */
  *updateSteps(question: QuestionView, sourceOf: SourceLookup, touched?: Touched): Generator<number, QuestionConsensus, void> {
    let solution = this.solution;
    const fresh = !solution || touched === undefined || solution.graph.questionId !== question.id;
    if (fresh || !solution) {
      solution = new QuestionSolution(this.settings, buildQuestionGraph(question, sourceOf, this.settings.table), this.detail);
    } else {
      const graph = solution.graph;
      if (touched.proofStandard) graph.setProofStandard(question.proofStandard);
      for (const id of touched.claims) {
        const claim = question.claims.get(id);
        if (claim) graph.setClaim(claim);
      }
      const evidence = new Set(touched.evidence);
      for (const sourceId of touched.sources) for (const id of graph.evidenceCiting(sourceId)) evidence.add(id);
      for (const id of evidence) {
        const piece = question.evidence.get(id);
        if (piece) graph.setEvidence(piece, sourceOf);
      }
      for (const r of touched.relations) graph.relate(r.fromClaimId, r.relation, r.to);
    }
    const previous = this.solution?.consensus ?? null;
    const result = yield* solution.refreshSteps(solution.graph.takeTouched(), question.resolution);
    this.before = previous;
    this.incremental = !fresh;
    this.solution = solution;
    return result;
  }

  /** The last result, or null before the first update. */
  get current(): QuestionConsensus | null {
    return this.solution ? this.solution.consensus : null;
  }

  /** The argument ids the last update re-solved, sorted: what it cost. */
  get recomputed(): readonly string[] {
    const s = this.solution;
    return s ? s.lastRegion.map((v) => s.graph.ids[v]!).sort() : [];
  }

  /** Why a claim stands where it does in the last result (see `explainClaim`); undefined for an unknown claim. */
  explain(claimId: string): ClaimExplanation | undefined {
    return this.solution ? explainClaim(this.solution, claimId) : undefined;
  }

  /** What changed from `before` (by default the result before the last update) to the current result. */
  changesSince(before: QuestionConsensus | null = this.before, strengthThreshold?: number): ConsensusChange[] {
    const after = this.current;
    if (after === null) throw new Error('changesSince: nothing computed yet');
    // Against the result the last update replaced, only the entries it redid can differ.
    const redone = this.solution?.lastRedone;
    if (before !== null && before === this.before && this.incremental && redone) return diffConsensusAt(before, after, redone, strengthThreshold);
    return diffConsensus(before, after, strengthThreshold);
  }
}
