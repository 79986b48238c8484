import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainRuleError } from '../../domain-error';
import { questionStream } from '../../../../contract/event-catalogue';
import type { ChangeProofStandardDto, OpenQuestionDto, ReasonDto, ResolveQuestionDto, RewordQuestionDto } from '../../http/dto/question.dto';
import { DEFAULT_PROOF_STANDARD } from '../../../../contract/question.events';
import { entityIdFor } from '../derived-ids';
import { LedgerWriter, type WriteResult } from '../ledger-writer';
import { questionTarget } from './targets';
import { WriteCommand, type WriteArgs } from './write-command';

export class OpenQuestion extends WriteCommand<OpenQuestionDto> {}
export class RewordQuestion extends WriteCommand<RewordQuestionDto> {
  constructor(readonly questionId: string, ...rest: WriteArgs<RewordQuestionDto>) {
    super(...rest);
  }
}
export class ChangeProofStandard extends WriteCommand<ChangeProofStandardDto> {
  constructor(readonly questionId: string, ...rest: WriteArgs<ChangeProofStandardDto>) {
    super(...rest);
  }
}
export class ResolveQuestion extends WriteCommand<ResolveQuestionDto> {
  constructor(readonly questionId: string, ...rest: WriteArgs<ResolveQuestionDto>) {
    super(...rest);
  }
}
export class ReopenQuestion extends WriteCommand<ReasonDto> {
  constructor(readonly questionId: string, ...rest: WriteArgs<ReasonDto>) {
    super(...rest);
  }
}

@CommandHandler(OpenQuestion)
export class OpenQuestionHandler implements ICommandHandler<OpenQuestion, WriteResult> {
  constructor(private readonly writer: LedgerWriter) {}

  async execute({ body, context, ifMatch }: OpenQuestion): Promise<WriteResult> {
    const questionId = entityIdFor(context.commandId, 'question');
    if (body.parentQuestionId && !(await this.writer.exists(questionStream(body.parentQuestionId)))) {
      throw new DomainRuleError('unknown-question', `Question ${body.parentQuestionId} does not exist`, 'parentQuestionId');
    }
    return this.writer.execute(questionTarget(questionId),
      {
        type: 'OpenQuestion',
        questionId,
        title: body.title,
        body: body.body ?? '',
        tags: body.tags ?? [],
        parentQuestionId: body.parentQuestionId ?? null,
        proofStandard: body.proofStandard ?? DEFAULT_PROOF_STANDARD,
      },
      context,
      { expectedRevision: ifMatch },
    );
  }
}

@CommandHandler(RewordQuestion)
export class RewordQuestionHandler implements ICommandHandler<RewordQuestion, WriteResult> {
  constructor(private readonly writer: LedgerWriter) {}

  execute({ questionId, body, context, ifMatch }: RewordQuestion): Promise<WriteResult> {
    const { title, body: text, reason } = body;
    return this.writer.execute(questionTarget(questionId),
      { type: 'RewordQuestion', questionId, ...(title !== undefined ? { title } : {}), ...(text !== undefined ? { body: text } : {}), reason },
      context,
      { expectedRevision: ifMatch },
    );
  }
}

/** Only a moderator reaches this (the route requires the role); the decider refuses a change to the standard in force. */
@CommandHandler(ChangeProofStandard)
export class ChangeProofStandardHandler implements ICommandHandler<ChangeProofStandard, WriteResult> {
  constructor(private readonly writer: LedgerWriter) {}

  execute({ questionId, body, context, ifMatch }: ChangeProofStandard): Promise<WriteResult> {
    return this.writer.execute(questionTarget(questionId),
      { type: 'ChangeProofStandard', questionId, proofStandard: body.proofStandard, reason: body.reason },
      context,
      { expectedRevision: ifMatch },
    );
  }
}

@CommandHandler(ResolveQuestion)
export class ResolveQuestionHandler implements ICommandHandler<ResolveQuestion, WriteResult> {
  constructor(private readonly writer: LedgerWriter) {}

  execute({ questionId, body, context, ifMatch }: ResolveQuestion): Promise<WriteResult> {
    return this.writer.execute(questionTarget(questionId),
      { type: 'ResolveQuestion', questionId, summary: body.summary, acceptedClaimIds: body.acceptedClaimIds },
      context,
      { expectedRevision: ifMatch },
    );
  }
}

@CommandHandler(ReopenQuestion)
export class ReopenQuestionHandler implements ICommandHandler<ReopenQuestion, WriteResult> {
  constructor(private readonly writer: LedgerWriter) {}

  execute({ questionId, body, context, ifMatch }: ReopenQuestion): Promise<WriteResult> {
    return this.writer.execute(questionTarget(questionId), { type: 'ReopenQuestion', questionId, reason: body.reason }, context, {
      expectedRevision: ifMatch,
    });
  }
}

export const QUESTION_HANDLERS = [OpenQuestionHandler, RewordQuestionHandler, ChangeProofStandardHandler, ResolveQuestionHandler, ReopenQuestionHandler];
