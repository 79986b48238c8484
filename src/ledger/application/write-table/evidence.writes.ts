import type { Verification } from '../../../../contract/question.events';
import { entityIdFor } from '../derived-ids';
import { actorOf, ownerOf } from './principals';
import { subjectOf } from './write';
import { locate, type WriteRule } from './write-rule';

/** The verification a document attached through the API is taken to have: whoever attaches it has read it. */
export const API_DEFAULT_VERIFICATION: Verification = 'examined';

type EvidenceWrites = 'AttachEvidence' | 'VerifyEvidence' | 'WithdrawEvidence';

export const EVIDENCE_WRITES: { [N in EvidenceWrites]: WriteRule<N> } = {
  AttachEvidence: {
    aggregate: 'question',
    locate: locate.questionOfClaim,
    check: ({ input }, references) => references.requireSource(input.sourceId, 'sourceId'),
    command: (write, questionId) => ({
      type: 'AttachEvidence',
      questionId,
      evidenceId: entityIdFor(write.context.commandId, 'evidence'),
      claimId: subjectOf(write),
      sourceId: write.input.sourceId,
      stance: write.input.stance,
      locator: write.input.locator ?? null,
      quote: write.input.quote ?? null,
      credibility: write.input.credibility ?? null,
      verification: write.input.verification ?? API_DEFAULT_VERIFICATION,
      owner: ownerOf(write.context),
    }),
  },
  /** Raises a piece of evidence's verification: the decider lets its owner or a moderator do it. */
  VerifyEvidence: {
    aggregate: 'question',
    locate: locate.questionOfEvidence,
    command: (write, questionId) => ({
      type: 'VerifyEvidence',
      questionId,
      evidenceId: subjectOf(write),
      verification: write.input.verification,
      note: write.input.note ?? null,
      actor: actorOf(write.context),
    }),
  },
  WithdrawEvidence: {
    aggregate: 'question',
    locate: locate.questionOfEvidence,
    command: (write, questionId) => ({ type: 'WithdrawEvidence', questionId, evidenceId: subjectOf(write), reason: write.input.reason, actor: actorOf(write.context) }),
  },
};
