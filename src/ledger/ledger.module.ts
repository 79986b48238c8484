import { Module } from '@nestjs/common';
import { ProjectionRuntimeModule } from '../projection-runtime/projection-runtime.module';
import { CLAIM_HANDLERS } from './application/commands/claim.handlers';
import { EVIDENCE_HANDLERS } from './application/commands/evidence.handlers';
import { QUESTION_HANDLERS } from './application/commands/question.handlers';
import { SOURCE_HANDLERS } from './application/commands/source.handlers';
import { IncomingWrites } from './application/incoming-writes';
import { LedgerLocator } from './application/ledger-locator';
import { LedgerWriter } from './application/ledger-writer';
import { ClaimsController } from './http/claims.controller';
import { IntegrityController } from './http/integrity.controller';
import { ParticipantsController } from './http/participants.controller';
import { QuestionsController } from './http/questions.controller';
import { SourcesController } from './http/sources.controller';
import { WriteContextFactory } from './http/write-context';
import { DebateImporter } from './import/debate-importer';

@Module({
  imports: [ProjectionRuntimeModule],
  controllers: [QuestionsController, ClaimsController, SourcesController, ParticipantsController, IntegrityController],
  providers: [
    LedgerWriter,
    IncomingWrites,
    LedgerLocator,
    WriteContextFactory,
    DebateImporter,
    ...QUESTION_HANDLERS,
    ...CLAIM_HANDLERS,
    ...EVIDENCE_HANDLERS,
    ...SOURCE_HANDLERS,
  ],
  exports: [LedgerWriter, IncomingWrites],
})
export class LedgerModule {}
