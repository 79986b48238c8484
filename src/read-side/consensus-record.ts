import { NotFoundError } from '../ledger/domain-error';
import type { ProjectionRunner } from '../projection-runtime/projection-runner';
import { CONSENSUS_TIMELINE, type ConsensusTimelineView, type QuestionConsensusRecord } from '../../projections/timeline/consensus-timeline.projection';

/** The live consensus and timeline of a question; 404 for a question the ledger does not have. */
export function consensusTimelineRecord(runner: ProjectionRunner, questionId: string): QuestionConsensusRecord {
  const view = runner.viewByName<ConsensusTimelineView>(CONSENSUS_TIMELINE);
  const record = view.byQuestion.get(questionId);
  if (!record) throw new NotFoundError('question', questionId);
  return record;
}
