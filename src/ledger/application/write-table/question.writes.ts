import { DomainRuleError } from '../../domain-error';
import { DEFAULT_PROOF_STANDARD } from '../../../../contract/question.events';
import { locate, type WriteRule } from './write-rule';

type QuestionWrites = 'OpenQuestion' | 'RewordQuestion' | 'ChangeProofStandard' | 'ResolveQuestion' | 'ReopenQuestion';

export const QUESTION_WRITES: { [N in QuestionWrites]: WriteRule<N> } = {
  OpenQuestion: {
    aggregate: 'question',
    locate: locate.created('question'),
    async check({ input }, references) {
      if (input.parentQuestionId && !(await references.questionExists(input.parentQuestionId))) {
        throw new DomainRuleError('unknown-question', `Question ${input.parentQuestionId} does not exist`, 'parentQuestionId');
      }
    },
    command: ({ input }, questionId) => ({
      type: 'OpenQuestion',
      questionId,
      title: input.title,
      body: input.body ?? '',
      tags: input.tags ?? [],
      parentQuestionId: input.parentQuestionId ?? null,
      proofStandard: input.proofStandard ?? DEFAULT_PROOF_STANDARD,
    }),
  },
  RewordQuestion: {
    aggregate: 'question',
    locate: locate.subject,
    command: ({ input: { title, body, reason } }, questionId) => ({
      type: 'RewordQuestion',
      questionId,
      ...(title !== undefined ? { title } : {}),
      ...(body !== undefined ? { body } : {}),
      reason,
    }),
  },
  /** Only a moderator reaches this (the route requires the role); the decider refuses a change to the standard in force. */
  ChangeProofStandard: {
    aggregate: 'question',
    locate: locate.subject,
    command: ({ input }, questionId) => ({ type: 'ChangeProofStandard', questionId, proofStandard: input.proofStandard, reason: input.reason }),
  },
  ResolveQuestion: {
    aggregate: 'question',
    locate: locate.subject,
    command: ({ input }, questionId) => ({ type: 'ResolveQuestion', questionId, summary: input.summary, acceptedClaimIds: input.acceptedClaimIds }),
  },
  ReopenQuestion: {
    aggregate: 'question',
    locate: locate.subject,
    command: ({ input }, questionId) => ({ type: 'ReopenQuestion', questionId, reason: input.reason }),
  },
};
