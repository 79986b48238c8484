import type { QuestionView } from '../questions/questions.projection';
import type {
  ClaimConsensus,
  QuestionStatus,
  ResolutionCheck,
  ResolutionDisagreement,
} from './question-consensus-types';

/**
 * The question's computed status, from its claims' labels:
 *
 * - `answered`: some live `answer` claim is accepted and no live `answer` claim is contested;
 * - `contested`: some live `answer` claim is contested, or none is accepted and some live
 *   `hypothesis` is contested;
 * - `open`: otherwise: no answer yet, or only answers nobody has argued over or that were rejected.
 *
 * Why so: an answer counts only once `accepted`, i.e. grounded in (every objection to it defeated)
 * and well supported, which is what a historian means by an answer the sources bear out. A rival
 * answer still in dispute means the debate between answers is not settled, so one answer being
 * ahead is not enough; a rival that was refuted (`rejected`) is part of having answered. A rival
 * nobody has argued for or against (`open`) does not block: the ledger cannot tell a competing
 * answer from a complementary one, and an unexamined claim is no argument against an examined one.
 * Hypotheses are tentative answers: while no answer stands, a disputed hypothesis makes the question
 * contested rather than merely open. Background claims frame the debate and do not decide it; a
 * disputed fact shows in its own label and, through relations, in the claims it bears on.
 */
export function questionStatus(claims: readonly ClaimConsensus[]): QuestionStatus {
  const answers = claims.filter((c) => c.kind === 'answer');
  if (answers.some((c) => c.label === 'contested')) return 'contested';
  if (answers.some((c) => c.label === 'accepted')) return 'answered';
  if (claims.some((c) => c.kind === 'hypothesis' && c.label === 'contested')) return 'contested';
  return 'open';
}

/**
 * Compares the moderator's resolution with the computed consensus; neither overrides the other.
 * The resolution agrees when all of these hold, and each failure is listed:
 *
 * - every claim it accepts is computed `accepted` (a retracted, rejected, contested or open claim,
 *   or an id that is no claim of this question, is a `not-accepted` disagreement);
 * - it leaves out no live answer the ledger accepts (`accepted-answer-omitted`): a reader should
 *   know when a moderator passed over an answer the evidence bears out;
 * - the computed status is not `contested` (`question-contested`): closing a question the ledger
 *   still finds disputed is worth flagging even when the accepted claims themselves stand.
 *
 * Without a resolution, `agrees` is null.
 */
export function checkResolution(
  resolution: QuestionView['resolution'],
  claims: readonly ClaimConsensus[],
  status: QuestionStatus,
): ResolutionCheck {
  if (resolution === null) return { exists: false, acceptedClaimIds: [], agrees: null, disagreements: [] };
  const acceptedClaimIds = [...new Set(resolution.acceptedClaimIds)];
  const byId = new Map(claims.map((c) => [c.id, c]));
  const disagreements: ResolutionDisagreement[] = [];
  for (const claimId of acceptedClaimIds) {
    const label = byId.get(claimId)?.label ?? null;
    if (label !== 'accepted') disagreements.push({ kind: 'not-accepted', claimId, label });
  }
  const listed = new Set(acceptedClaimIds);
  for (const claim of claims) {
    if (claim.kind === 'answer' && claim.label === 'accepted' && !listed.has(claim.id)) {
      disagreements.push({ kind: 'accepted-answer-omitted', claimId: claim.id });
    }
  }
  if (status === 'contested') disagreements.push({ kind: 'question-contested' });
  return {
    exists: true,
    summary: resolution.summary,
    acceptedClaimIds,
    agrees: disagreements.length === 0,
    disagreements,
  };
}
