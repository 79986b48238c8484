import { Module } from '@nestjs/common';
import { ProjectionRuntimeModule } from '../projection-runtime/projection-runtime.module';
import { IncomingWrites } from './application/incoming-writes';
import { LedgerLocator } from './application/ledger-locator';
import { LedgerWriter } from './application/writer/ledger-writer';
import { WriteHandler } from './application/write-table/write-handler';
import { ClaimsController } from './http/claims.controller';
import { IntegrityController } from './http/integrity.controller';
import { ParticipantsController } from './http/participants.controller';
import { QuestionsController } from './http/questions.controller';
import { SourcesController } from './http/sources.controller';
import { WriteRoutesController } from './http/write-routes.controller';
import { WriteContextFactory } from './http/write-context';
import { WriteRoutes } from './http/write-routes';
import { DebateImporter } from './import/debate-importer';

@Module({
  imports: [ProjectionRuntimeModule],
  controllers: [WriteRoutesController, QuestionsController, ClaimsController, SourcesController, ParticipantsController, IntegrityController],
  providers: [
    LedgerWriter,
    IncomingWrites,
    LedgerLocator,
    WriteContextFactory,
    WriteRoutes,
    DebateImporter,
    WriteHandler,
  ],
  exports: [LedgerWriter, IncomingWrites],
})
export class LedgerModule {}
