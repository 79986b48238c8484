import type { LedgerConfig } from '../config/ledger-config';
import { NotFoundError } from '../ledger/domain-error';
import type { ProjectionRunner } from '../projection-runtime/projection-runner';
import {
  CURRENT_CONSENSUS,
  readCurrentConsensus,
  type CurrentConsensusView,
  type CurrentQuestionConsensus,
} from '../../projections/current-consensus/current-consensus.projection';
import type { QuestionConsensusSettings } from '../../projections/consensus';
import { questionsProjection } from '../../projections/questions/questions.projection';
import { sourcesProjection } from '../../projections/sources/sources.projection';

/** The live consensus of a question, as of every event the runner has applied; 404 for a question the ledger does not have. */
export function currentConsensusOf(runner: ProjectionRunner, questionId: string): CurrentQuestionConsensus {
  const found = readCurrentConsensus(currentConsensusView(runner), runner.view(questionsProjection), runner.view(sourcesProjection), questionId);
  if (!found) throw new NotFoundError('question', questionId);
  return found;
}

export const currentConsensusView = (runner: ProjectionRunner) => runner.viewByName<CurrentConsensusView>(CURRENT_CONSENSUS);

/** The consensus settings for folds outside the runner: the configured ones, with sources' titles as the runner now has them. */
export function consensusSettingsFor(config: Pick<LedgerConfig, 'consensus'>, runner: ProjectionRunner): QuestionConsensusSettings {
  return { ...config.consensus, titleOf: (id) => runner.view(sourcesProjection).sources.get(id)?.title ?? null };
}
