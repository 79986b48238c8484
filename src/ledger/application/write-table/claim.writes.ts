import { DomainRuleError } from '../../domain-error';
import type { EvidenceRelation } from '../../../../contract/question.events';
import { entityIdFor } from '../derived-ids';
import { referenceTo } from '../write-errors';
import { actorOf, ownerOf, participantOf } from './principals';
import { subjectOf } from './write';
import { locate, type WriteRule } from './write-rule';

type ClaimWrites = 'ProposeClaim' | 'ReviseClaim' | 'RetractClaim' | 'RelateClaims' | 'RecordStance';

export const CLAIM_WRITES: { [N in ClaimWrites]: WriteRule<N> } = {
  ProposeClaim: {
    aggregate: 'question',
    locate: locate.subject,
    command: ({ input, context }, questionId) => {
      const respondsTo = input.respondsTo && { ...input.respondsTo, relationId: entityIdFor(context.commandId, 'relation') };
      return {
        type: 'ProposeClaim',
        questionId,
        claimId: entityIdFor(context.commandId, 'claim'),
        text: input.text,
        passage: input.passage ?? null,
        kind: input.kind,
        owner: ownerOf(context),
        ...(respondsTo ? { respondsTo } : {}),
      };
    },
  },
  ReviseClaim: {
    aggregate: 'question',
    locate: locate.questionOfClaim,
    command: (write, questionId) => ({
      type: 'ReviseClaim',
      questionId,
      claimId: subjectOf(write),
      text: write.input.text,
      reason: write.input.reason,
      actor: actorOf(write.context),
    }),
  },
  RetractClaim: {
    aggregate: 'question',
    locate: locate.questionOfClaim,
    command: (write, questionId) => ({ type: 'RetractClaim', questionId, claimId: subjectOf(write), reason: write.input.reason, actor: actorOf(write.context) }),
  },
  /**
   * A relation lives in the question of its `from` claim; a target (claim or evidence) elsewhere is
   * refused there. An unknown `from` claim is the client's mistake, named by its field.
   */
  RelateClaims: {
    aggregate: 'question',
    locate: ({ input }, references) =>
      // Only a claim that is not there is the client's mistake: a store that does not answer stays a 5xx.
      referenceTo(references.questionOfClaim(input.fromClaimId), 'unknown-claim', `Claim ${input.fromClaimId} does not exist`, 'fromClaimId'),
    command: ({ input, context }, questionId) => {
      const relationId = entityIdFor(context.commandId, 'relation');
      const { fromClaimId, relation } = input;
      return input.toEvidenceId != null
        ? { type: 'RelateClaimToEvidence', questionId, relationId, fromClaimId, toEvidenceId: input.toEvidenceId, relation: relation as EvidenceRelation }
        : { type: 'RelateClaims', questionId, relationId, fromClaimId, toClaimId: input.toClaimId!, relation };
    },
  },
  RecordStance: {
    aggregate: 'question',
    locate: locate.questionOfClaim,
    command: (write, questionId) => ({
      type: 'RecordStance',
      questionId,
      claimId: subjectOf(write),
      participant: participantOf(write.context),
      stance: write.input.stance,
      confidence: write.input.confidence,
    }),
  },
};
