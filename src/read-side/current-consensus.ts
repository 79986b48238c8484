import type { LedgerConfig } from '../config/ledger-config';
import { NotFoundError } from '../ledger/domain-error';
import type { ProjectionRunner } from '../projection-runtime/projection-runner';
import {
  CURRENT_CONSENSUS,
  readCurrentConsensus,
  readCurrentConsensusSliced,
  type CurrentConsensusView,
  type CurrentQuestionConsensus,
} from '../../projections/current-consensus/current-consensus.projection';
import type { ClaimExplanation, QuestionConsensusSettings } from '../../projections/consensus';
import { questionsProjection } from '../../projections/questions/questions.projection';
import { sourcesProjection } from '../../projections/sources/sources.projection';

/**
 * The live consensus of a question, computed in slices that give the event loop back (what the
 * server uses); 404 for a question the ledger does not have.
 */
export async function currentConsensusSliced(runner: ProjectionRunner, questionId: string): Promise<CurrentQuestionConsensus> {
  const found = await readCurrentConsensusSliced(currentConsensusView(runner), runner.view(questionsProjection), runner.view(sourcesProjection), questionId);
  if (!found) throw new NotFoundError('question', questionId);
  return found;
}

/** Why a claim stands where it does in the question's live consensus; 404 for an unknown question or claim. */
export async function currentClaimExplanation(runner: ProjectionRunner, questionId: string, claimId: string): Promise<{ explanation: ClaimExplanation; position: bigint }> {
  const current = await currentConsensusSliced(runner, questionId);
  const { position } = current;
  // From the engine this read brought up to date (the engine cache may not have kept it). Called on
  // the result itself: `explain` is a method reading a private field, so it needs its `this`.
  const explanation = current.explain(claimId);
  if (!explanation) throw new NotFoundError('claim', claimId);
  return { explanation, position };
}

/** The live consensus of a question, as of every event the runner has applied, computed at once (CLI, tests); 404 for a question the ledger does not have. */
export function currentConsensusOf(runner: ProjectionRunner, questionId: string): CurrentQuestionConsensus {
  const found = readCurrentConsensus(currentConsensusView(runner), runner.view(questionsProjection), runner.view(sourcesProjection), questionId);
  if (!found) throw new NotFoundError('question', questionId);
  return found;
}

export const currentConsensusView = (runner: ProjectionRunner) => runner.viewByName<CurrentConsensusView>(CURRENT_CONSENSUS);

/** The consensus settings for folds outside the runner: the configured ones. */
export function consensusSettingsFor(config: Pick<LedgerConfig, 'consensus'>): QuestionConsensusSettings {
  return config.consensus;
}
