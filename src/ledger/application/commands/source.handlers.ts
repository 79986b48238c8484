import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { AppraiseSourceDto, RegisterSourceDto } from '../../http/dto/source.dto';
import type { SourceDetails, SourceIdentifiers } from '../../../../contract/source.events';
import { entityIdFor } from '../derived-ids';
import { LedgerWriter, type WriteResult } from '../ledger-writer';
import { sourceTarget } from './targets';
import { WriteCommand, type WriteArgs } from './write-command';

export class RegisterSource extends WriteCommand<RegisterSourceDto> {}
export class AppraiseSource extends WriteCommand<AppraiseSourceDto> {
  constructor(readonly sourceId: string, ...rest: WriteArgs<AppraiseSourceDto>) {
    super(...rest);
  }
}

@CommandHandler(RegisterSource)
export class RegisterSourceHandler implements ICommandHandler<RegisterSource, WriteResult> {
  constructor(private readonly writer: LedgerWriter) {}

  execute({ body, context, ifMatch }: RegisterSource): Promise<WriteResult> {
    const sourceId = entityIdFor(context.commandId, 'source');
    return this.writer.execute(sourceTarget(sourceId),
      {
        type: 'RegisterSource',
        sourceId,
        kind: body.kind,
        title: body.title,
        authors: body.authors,
        issued: body.issued ?? null,
        // Plain data only: the DTO instances carry no meaning beyond their fields.
        identifiers: JSON.parse(JSON.stringify(body.identifiers ?? {})) as SourceIdentifiers,
        details: JSON.parse(JSON.stringify(body.details ?? {})) as SourceDetails,
        reliability: body.reliability ?? null,
      },
      context,
      { expectedRevision: ifMatch },
    );
  }
}

@CommandHandler(AppraiseSource)
export class AppraiseSourceHandler implements ICommandHandler<AppraiseSource, WriteResult> {
  constructor(private readonly writer: LedgerWriter) {}

  execute({ sourceId, body, context, ifMatch }: AppraiseSource): Promise<WriteResult> {
    return this.writer.execute(sourceTarget(sourceId), { type: 'AppraiseSource', sourceId, reliability: body.reliability, note: body.note }, context, {
      expectedRevision: ifMatch,
    });
  }
}

export const SOURCE_HANDLERS = [RegisterSourceHandler, AppraiseSourceHandler];
