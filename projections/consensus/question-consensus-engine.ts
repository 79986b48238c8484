import type { QuestionEvent } from '../../src/ledger/question/question.events';
import type { QuestionView } from '../questions/questions.projection';
import type { Reliability } from './evidence-base-score';
import { stepQuestionConsensus, type QuestionConsensusState } from './question-consensus';
import type { QuestionConsensus, QuestionConsensusSettings } from './question-consensus-types';

/**
 * Keeps one question's consensus up to date event by event, recomputing only the part of its graph
 * downstream of what each event touched (see `stepQuestionConsensus` for what that costs and why it
 * equals a full recompute). One engine per question; given another question, it starts afresh.
 * Successive results share the explanations of claims an update did not reach: treat results as
 * immutable.
 */
export class QuestionConsensusEngine {
  private state: QuestionConsensusState | undefined;

  constructor(private readonly settings: QuestionConsensusSettings = {}) {}

  /**
   * The consensus of `question` as it now stands. `changedClaimIds` names the claims touched since
   * the last update ({@link affectedClaimIds} gives them for a question event, {@link claimsCitingSource}
   * for a re-appraised source); an empty list recomputes no strength at all (a rewording, a
   * resolution). Without it, everything is computed afresh.
   */
  update(
    question: QuestionView,
    reliabilityOf: (sourceId: string) => Reliability | null,
    changedClaimIds?: Iterable<string>,
  ): QuestionConsensus {
    const { consensus, state } = stepQuestionConsensus(question, reliabilityOf, {
      ...this.settings,
      ...(this.state && changedClaimIds !== undefined ? { previous: this.state, changed: changedClaimIds } : {}),
    });
    this.state = state;
    return consensus;
  }

  /** The last result, or null before the first update. */
  get current(): QuestionConsensus | null {
    return this.state?.consensus ?? null;
  }

  /** The argument ids the last update re-solved, ascending: what it cost. */
  get recomputed(): readonly string[] {
    return this.state?.recomputed ?? [];
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
