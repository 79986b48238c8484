import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { questionStream } from '../../../../contract/event-catalogue';
import { LedgerLocator } from '../ledger-locator';
import { LedgerWriter } from '../writer/ledger-writer';
import type { WriteResult } from '../writer/write-types';
import { questionTarget, sourceTarget } from './targets';
import { Write, type WriteName } from './write';
import type { WriteReferences, WriteRule } from './write-rule';
import { WRITE_TABLE } from './write-table';

/**
 * The one handler of every write: find the aggregate, check the references, build the decider's
 * command from the write's row of the table, and hand it to the writer with the revision the client
 * read. Registered on `Write`, it also receives the named subclasses (write-messages.ts): the bus
 * finds a handler through the class's prototype chain.
 */
@CommandHandler(Write)
export class WriteHandler implements ICommandHandler<Write, WriteResult> {
  private readonly references: WriteReferences;

  constructor(
    private readonly writer: LedgerWriter,
    locator: LedgerLocator,
  ) {
    this.references = {
      questionOfClaim: (claimId) => locator.questionOfClaim(claimId),
      questionOfEvidence: (evidenceId) => locator.questionOfEvidence(evidenceId),
      questionExists: (questionId) => writer.exists(questionStream(questionId)),
      requireSource: (sourceId, field) => writer.requireSource(sourceId, field),
    };
  }

  async execute(write: Write): Promise<WriteResult> {
    // Looked up by the write's own name, so the row and the write agree on the input type.
    const rule = WRITE_TABLE[write.name] as WriteRule<WriteName>;
    const aggregateId = await rule.locate(write, this.references);
    await rule.check?.(write, this.references);
    const options = { expectedRevision: write.ifMatch };
    return rule.aggregate === 'question'
      ? this.writer.execute(questionTarget(aggregateId), rule.command(write, aggregateId), write.context, options)
      : this.writer.execute(sourceTarget(aggregateId), rule.command(write, aggregateId), write.context, options);
  }
}
