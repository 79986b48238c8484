import type { QuestionEvent } from '../../src/ledger/question/question.events';
import type { QuestionView } from '../questions/questions.projection';
import { diffConsensus, diffConsensusAt, type ConsensusChange } from './consensus-diff';
import type { Reliability } from './evidence-base-score';
import { LiveQuestion, type LiveQuestionHint } from './live-question';
import type { QuestionConsensus, QuestionConsensusSettings } from './question-consensus-types';

export type { LiveQuestionHint as ConsensusUpdateHint } from './live-question';

/**
 * Keeps one question's consensus up to date event by event, recomputing only the part of its graph
 * downstream of what each event touched, and touching nothing else: the framework is kept and
 * changed in place rather than rebuilt from the view (see `LiveQuestion` for what an update costs
 * and why it equals a full recompute, which `computeQuestionConsensus` does). One engine per
 * question; given another question, or the same question in other collections (a clone), it starts
 * afresh. Successive results share the entries of claims an update did not reach: treat results as
 * immutable.
 */
export class QuestionConsensusEngine {
  private live: LiveQuestion | undefined;
  private previous: QuestionConsensus | null = null;

  constructor(private readonly settings: QuestionConsensusSettings = {}) {}

  /**
   * The consensus of `question` as it now stands. `changedClaimIds` names the claims touched since
   * the last update ({@link affectedClaimIds} gives them for a question event, {@link claimsCitingSource}
   * for a re-appraised source); an empty list recomputes no strength at all (a rewording, a
   * resolution). Without it, everything is computed afresh.
   *
   * `hint`, with `changedClaimIds`, says that they and `hint.stanceClaimIds` (the claims whose
   * stances changed) name everything touched since the last update, so the engine need not look at
   * every claim for unnamed revisions, retractions, withdrawals and stances: an update then costs
   * only what it touches.
   */
  update(
    question: QuestionView,
    reliabilityOf: (sourceId: string) => Reliability | null,
    changedClaimIds?: Iterable<string>,
    hint?: LiveQuestionHint,
  ): QuestionConsensus {
    this.previous = this.live?.result ?? null;
    if (!this.live || changedClaimIds === undefined || !this.live.follows(question)) {
      this.live = new LiveQuestion(question, this.settings, reliabilityOf);
      return this.live.update(question, reliabilityOf, []);
    }
    return this.live.update(question, reliabilityOf, changedClaimIds, hint);
  }

  /** The last result, or null before the first update. */
  get current(): QuestionConsensus | null {
    return this.live?.result ?? null;
  }

  /** The argument ids the last update re-solved, ascending: what it cost. */
  get recomputed(): readonly string[] {
    return this.live?.recomputed ?? [];
  }

  /**
   * `diffConsensus(before, this.current)`, looking only at the claims the last update changed when
   * `before` is the result before it (the cheap, usual case).
   */
  changesSince(before: QuestionConsensus | null, strengthThreshold?: number): ConsensusChange[] {
    const after = this.current;
    if (after === null) throw new Error('changesSince: nothing computed yet');
    if (before !== null && before === this.previous && this.live) return diffConsensusAt(before, after, this.live.changed, strengthThreshold);
    return diffConsensus(before, after, strengthThreshold);
  }
}

/** The claims whose strength, edges or wording a question event can change directly. */
export function affectedClaimIds(event: QuestionEvent): string[] {
  switch (event.type) {
    case 'ClaimProposed':
    case 'ClaimRevised':
    case 'ClaimRetracted':
    case 'EvidenceAttached':
    case 'EvidenceWithdrawn':
      return [event.data.claimId];
    case 'ClaimsRelated':
      return [event.data.fromClaimId, event.data.toClaimId];
    // Stances never move a strength, and every update tallies them afresh.
    case 'StanceRecorded':
    case 'QuestionOpened':
    case 'QuestionReworded':
    case 'QuestionResolved':
    case 'QuestionReopened':
      return [];
  }
}

/** The claims of `question` with attached evidence citing `sourceId`: what its re-appraisal touches. */
export function claimsCitingSource(question: QuestionView, sourceId: string): string[] {
  const claims = new Set<string>();
  for (const evidence of question.evidence.values()) {
    if (evidence.sourceId === sourceId && evidence.status === 'attached') claims.add(evidence.claimId);
  }
  return [...claims];
}
