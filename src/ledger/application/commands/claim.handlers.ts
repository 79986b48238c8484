import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainRuleError } from '../../domain-error';
import type { EvidenceRelation } from '../../../../contract/question.events';
import { questionTarget } from './targets';
import type { ProposeClaimDto, RecordStanceDto, RelateClaimsDto, ReviseClaimDto } from '../../http/dto/claim.dto';
import type { ReasonDto } from '../../http/dto/question.dto';
import { entityIdFor } from '../derived-ids';
import { LedgerLocator } from '../ledger-locator';
import { LedgerWriter, type WriteResult } from '../ledger-writer';
import { actorOf, ownerOf, participantOf, WriteCommand, type WriteArgs } from './write-command';

export class ProposeClaim extends WriteCommand<ProposeClaimDto> {
  constructor(readonly questionId: string, ...rest: WriteArgs<ProposeClaimDto>) {
    super(...rest);
  }
}
export class ReviseClaim extends WriteCommand<ReviseClaimDto> {
  constructor(readonly claimId: string, ...rest: WriteArgs<ReviseClaimDto>) {
    super(...rest);
  }
}
export class RetractClaim extends WriteCommand<ReasonDto> {
  constructor(readonly claimId: string, ...rest: WriteArgs<ReasonDto>) {
    super(...rest);
  }
}
export class RelateClaims extends WriteCommand<RelateClaimsDto> {}
export class RecordStance extends WriteCommand<RecordStanceDto> {
  constructor(readonly claimId: string, ...rest: WriteArgs<RecordStanceDto>) {
    super(...rest);
  }
}

@CommandHandler(ProposeClaim)
export class ProposeClaimHandler implements ICommandHandler<ProposeClaim, WriteResult> {
  constructor(private readonly writer: LedgerWriter) {}

  execute({ questionId, body, context, ifMatch }: ProposeClaim): Promise<WriteResult> {
    const claimId = entityIdFor(context.commandId, 'claim');
    const respondsTo = body.respondsTo && { ...body.respondsTo, relationId: entityIdFor(context.commandId, 'relation') };
    return this.writer.execute(questionTarget(questionId),
      {
        type: 'ProposeClaim',
        questionId,
        claimId,
        text: body.text,
        passage: body.passage ?? null,
        kind: body.kind,
        owner: ownerOf(context),
        ...(respondsTo ? { respondsTo } : {}),
      },
      context,
      { expectedRevision: ifMatch },
    );
  }
}

@CommandHandler(ReviseClaim)
export class ReviseClaimHandler implements ICommandHandler<ReviseClaim, WriteResult> {
  constructor(
    private readonly writer: LedgerWriter,
    private readonly locator: LedgerLocator,
  ) {}

  async execute({ claimId, body, context, ifMatch }: ReviseClaim): Promise<WriteResult> {
    const questionId = await this.locator.questionOfClaim(claimId);
    return this.writer.execute(questionTarget(questionId),
      { type: 'ReviseClaim', questionId, claimId, text: body.text, reason: body.reason, actor: actorOf(context) },
      context,
      { expectedRevision: ifMatch },
    );
  }
}

@CommandHandler(RetractClaim)
export class RetractClaimHandler implements ICommandHandler<RetractClaim, WriteResult> {
  constructor(
    private readonly writer: LedgerWriter,
    private readonly locator: LedgerLocator,
  ) {}

  async execute({ claimId, body, context, ifMatch }: RetractClaim): Promise<WriteResult> {
    const questionId = await this.locator.questionOfClaim(claimId);
    return this.writer.execute(questionTarget(questionId),
      { type: 'RetractClaim', questionId, claimId, reason: body.reason, actor: actorOf(context) },
      context,
      { expectedRevision: ifMatch },
    );
  }
}

/**
 * A relation lives in the question of its `from` claim; a target (claim or evidence) elsewhere is
 * refused there. The body names exactly one target (the DTO checks it).
 */
@CommandHandler(RelateClaims)
export class RelateClaimsHandler implements ICommandHandler<RelateClaims, WriteResult> {
  constructor(
    private readonly writer: LedgerWriter,
    private readonly locator: LedgerLocator,
  ) {}

  async execute({ body, context, ifMatch }: RelateClaims): Promise<WriteResult> {
    const questionId = await this.locator.questionOfClaim(body.fromClaimId).catch(() => {
      throw new DomainRuleError('unknown-claim', `Claim ${body.fromClaimId} does not exist`, 'fromClaimId');
    });
    const relationId = entityIdFor(context.commandId, 'relation');
    const { fromClaimId, relation } = body;
    return this.writer.execute(questionTarget(questionId),
      body.toEvidenceId != null
        ? { type: 'RelateClaimToEvidence', questionId, relationId, fromClaimId, toEvidenceId: body.toEvidenceId, relation: relation as EvidenceRelation }
        : { type: 'RelateClaims', questionId, relationId, fromClaimId, toClaimId: body.toClaimId!, relation },
      context,
      { expectedRevision: ifMatch },
    );
  }
}

@CommandHandler(RecordStance)
export class RecordStanceHandler implements ICommandHandler<RecordStance, WriteResult> {
  constructor(
    private readonly writer: LedgerWriter,
    private readonly locator: LedgerLocator,
  ) {}

  async execute({ claimId, body, context, ifMatch }: RecordStance): Promise<WriteResult> {
    const questionId = await this.locator.questionOfClaim(claimId);
    return this.writer.execute(questionTarget(questionId),
      { type: 'RecordStance', questionId, claimId, participant: participantOf(context), stance: body.stance, confidence: body.confidence },
      context,
      { expectedRevision: ifMatch },
    );
  }
}

export const CLAIM_HANDLERS = [ProposeClaimHandler, ReviseClaimHandler, RetractClaimHandler, RelateClaimsHandler, RecordStanceHandler];
