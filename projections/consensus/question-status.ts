import type { QuestionView } from '../questions/questions.projection';
import type {
  ClaimConsensus,
  QuestionStatus,
  ResolutionCheck,
  ResolutionDisagreement,
} from './question-consensus-types';

/**
 * The question's computed status, from its answer claims' labels, first match wins:
 *
 * - `answered`: some live `answer` claim is corroborated and none of its rival answers (`competes`)
 *   is contested;
 * - `contested`: some `answer` is contested (or corroborated while a rival answer is still contested);
 * - `unverified`: the best answer is only unverified: something speaks for it, nothing in the record
 *   confirms it;
 * - `open`: otherwise: no answer yet, or only answers nobody has argued over or that were refuted.
 *
 * Hypotheses and background claims frame the debate and do not decide it: their labels show in their
 * own rows and, through relations, in the answers they bear on.
 */
export function questionStatus(
  claims: readonly ClaimConsensus[],
  entryOf: (claimId: string) => ClaimConsensus | undefined = lookup(claims),
): QuestionStatus {
  const contestedAnswer = (id: string) => {
    const rival = entryOf(id);
    return rival?.kind === 'answer' && rival.label === 'contested';
  };
  // One pass: the best an answer reaches, from answered down to open.
  let contested = false;
  let unverified = false;
  for (const c of claims) {
    if (c.kind !== 'answer') continue;
    if (c.label === 'corroborated') {
      if (!c.rivals.some((r) => contestedAnswer(r.claimId))) return 'answered';
      contested = true;
    } else if (c.label === 'contested') contested = true;
    else if (c.label === 'unverified') unverified = true;
  }
  return contested ? 'contested' : unverified ? 'unverified' : 'open';
}

function lookup(claims: readonly ClaimConsensus[]): (claimId: string) => ClaimConsensus | undefined {
  let byId: Map<string, ClaimConsensus> | undefined;
  return (claimId) => (byId ??= new Map(claims.map((c) => [c.id, c]))).get(claimId);
}

/**
 * Compares the moderator's resolution with the computed consensus; neither overrides the other.
 * The resolution agrees when all of these hold, and each failure is listed:
 *
 * - every claim it accepts is computed `corroborated` (anything else, or an id that is no claim of
 *   this question, is a `not-corroborated` disagreement: a moderator may know more than the record,
 *   and the reader should see where the record does not bear the resolution out);
 * - it leaves out no live answer the ledger finds corroborated (`corroborated-answer-omitted`);
 * - the computed status is not `contested` (`question-contested`).
 *
 * Without a resolution, `agrees` is null.
 */
export function checkResolution(
  resolution: QuestionView['resolution'],
  claims: readonly ClaimConsensus[],
  status: QuestionStatus,
  entryOf: (claimId: string) => ClaimConsensus | undefined = lookup(claims),
  /** The corroborated answers among `claims`, in their order, when the caller keeps them (saves a pass over every claim). */
  corroboratedAnswers?: readonly ClaimConsensus[],
): ResolutionCheck {
  if (resolution === null) return { exists: false, acceptedClaimIds: [], agrees: null, disagreements: [] };
  const acceptedClaimIds = [...new Set(resolution.acceptedClaimIds)];
  const disagreements: ResolutionDisagreement[] = [];
  for (const claimId of acceptedClaimIds) {
    const label = entryOf(claimId)?.label ?? null;
    if (label !== 'corroborated') disagreements.push({ kind: 'not-corroborated', claimId, label });
  }
  const listed = new Set(acceptedClaimIds);
  for (const claim of corroboratedAnswers ?? claims) {
    if (claim.kind === 'answer' && claim.label === 'corroborated' && !listed.has(claim.id)) {
      disagreements.push({ kind: 'corroborated-answer-omitted', claimId: claim.id });
    }
  }
  if (status === 'contested') disagreements.push({ kind: 'question-contested' });
  return { exists: true, summary: resolution.summary, acceptedClaimIds, agrees: disagreements.length === 0, disagreements };
}
