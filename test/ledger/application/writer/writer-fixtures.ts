import { randomUUID } from 'node:crypto';
import { questionStream } from '../../../../contract/event-catalogue';
import type { QuestionEvent } from '../../../../contract/question.events';
import { SqliteEventStore } from '../../../../src/event-store/sqlite/sqlite-event-store';
import type { PendingWrite } from '../../../../src/ledger/application/writer/batch-committer';
import type { WriteResult, WriteTarget } from '../../../../src/ledger/application/writer/write-types';
import type { CommandContext } from '../../../../src/ledger/provenance/provenance';
import type { QuestionCommand } from '../../../../src/ledger/question/question.commands';
import { questionDecider } from '../../../../src/ledger/question/question.decider';
import type { QuestionState } from '../../../../src/ledger/question/question.state';

/** A fresh store of the kind the ledger runs on, in memory. */
export const memoryStore = () => new SqliteEventStore({ filename: ':memory:' });

export const context = (extra: Partial<CommandContext> = {}): CommandContext => {
  const commandId = randomUUID();
  return { principal: { id: 'tester', name: 'Tester' }, commandId, correlationId: commandId, causationId: commandId, provenance: {}, ...extra };
};

export const questionTarget = (questionId: string): WriteTarget<QuestionCommand, QuestionEvent, QuestionState> => ({
  decider: questionDecider,
  stream: questionStream(questionId),
});

export const openQuestion = (questionId: string, title = 'Who kept the lists?'): QuestionCommand => ({
  type: 'OpenQuestion',
  questionId,
  title,
  body: '',
  tags: [],
  parentQuestionId: null,
  proofStandard: 'preponderance',
});

export const proposeClaim = (questionId: string, claimId: string, text = `Claim ${claimId}`): QuestionCommand => ({
  type: 'ProposeClaim',
  questionId,
  claimId,
  text,
  kind: 'answer',
  owner: { id: 'tester', name: 'Tester' },
});

/** A command waiting for its answer, with its answer as a promise that never rejects unhandled. */
export function pending(target: WriteTarget<QuestionCommand, QuestionEvent, QuestionState>, command: QuestionCommand, ctx = context(), expectedRevision?: bigint) {
  let resolve!: (result: WriteResult) => void;
  let reject!: (error: unknown) => void;
  const answer = new Promise<WriteResult>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const settled = answer.then(
    (value) => ({ status: 'fulfilled' as const, value }),
    (reason: unknown) => ({ status: 'rejected' as const, reason }),
  );
  const write: PendingWrite = { target: target as never, command, context: ctx, options: { expectedRevision }, resolve, reject };
  return { write, settled };
}
