import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { questionTarget } from './targets';
import { API_DEFAULT_VERIFICATION, type AttachEvidenceDto, type VerifyEvidenceDto } from '../../http/dto/claim.dto';
import type { ReasonDto } from '../../http/dto/question.dto';
import { entityIdFor } from '../derived-ids';
import { LedgerLocator } from '../ledger-locator';
import { LedgerWriter, type WriteResult } from '../ledger-writer';
import { actorOf, ownerOf, WriteCommand, type WriteArgs } from './write-command';

export class AttachEvidence extends WriteCommand<AttachEvidenceDto> {
  constructor(readonly claimId: string, ...rest: WriteArgs<AttachEvidenceDto>) {
    super(...rest);
  }
}
export class VerifyEvidence extends WriteCommand<VerifyEvidenceDto> {
  constructor(readonly evidenceId: string, ...rest: WriteArgs<VerifyEvidenceDto>) {
    super(...rest);
  }
}
export class WithdrawEvidence extends WriteCommand<ReasonDto> {
  constructor(readonly evidenceId: string, ...rest: WriteArgs<ReasonDto>) {
    super(...rest);
  }
}

@CommandHandler(AttachEvidence)
export class AttachEvidenceHandler implements ICommandHandler<AttachEvidence, WriteResult> {
  constructor(
    private readonly writer: LedgerWriter,
    private readonly locator: LedgerLocator,
  ) {}

  async execute({ claimId, body, context, ifMatch }: AttachEvidence): Promise<WriteResult> {
    const questionId = await this.locator.questionOfClaim(claimId);
    await this.writer.requireSource(body.sourceId, 'sourceId');
    return this.writer.execute(questionTarget(questionId),
      {
        type: 'AttachEvidence',
        questionId,
        evidenceId: entityIdFor(context.commandId, 'evidence'),
        claimId,
        sourceId: body.sourceId,
        stance: body.stance,
        locator: body.locator ?? null,
        quote: body.quote ?? null,
        credibility: body.credibility ?? null,
        verification: body.verification ?? API_DEFAULT_VERIFICATION,
        owner: ownerOf(context),
      },
      context,
      { expectedRevision: ifMatch },
    );
  }
}

/** Raises a piece of evidence's verification: the decider lets its owner or a moderator do it. */
@CommandHandler(VerifyEvidence)
export class VerifyEvidenceHandler implements ICommandHandler<VerifyEvidence, WriteResult> {
  constructor(
    private readonly writer: LedgerWriter,
    private readonly locator: LedgerLocator,
  ) {}

  async execute({ evidenceId, body, context, ifMatch }: VerifyEvidence): Promise<WriteResult> {
    const questionId = await this.locator.questionOfEvidence(evidenceId);
    return this.writer.execute(questionTarget(questionId),
      { type: 'VerifyEvidence', questionId, evidenceId, verification: body.verification, note: body.note ?? null, actor: actorOf(context) },
      context,
      { expectedRevision: ifMatch },
    );
  }
}

@CommandHandler(WithdrawEvidence)
export class WithdrawEvidenceHandler implements ICommandHandler<WithdrawEvidence, WriteResult> {
  constructor(
    private readonly writer: LedgerWriter,
    private readonly locator: LedgerLocator,
  ) {}

  async execute({ evidenceId, body, context, ifMatch }: WithdrawEvidence): Promise<WriteResult> {
    const questionId = await this.locator.questionOfEvidence(evidenceId);
    return this.writer.execute(questionTarget(questionId),
      { type: 'WithdrawEvidence', questionId, evidenceId, reason: body.reason, actor: actorOf(context) },
      context,
      { expectedRevision: ifMatch },
    );
  }
}

export const EVIDENCE_HANDLERS = [AttachEvidenceHandler, VerifyEvidenceHandler, WithdrawEvidenceHandler];
