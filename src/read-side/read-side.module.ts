import { Module } from '@nestjs/common';
import { ProjectionRuntimeModule } from '../projection-runtime/projection-runtime.module';
import { ConsensusController } from './consensus.controller';
import { ExportController } from './export.controller';
import { QuestionTimelines } from './question-timelines.service';
import { TimeTravel } from './time-travel.service';

/** Serves the read side: consensus now and as of any moment, the timeline, replay and live streams. */
@Module({
  imports: [ProjectionRuntimeModule],
  controllers: [ConsensusController, ExportController],
  providers: [TimeTravel, QuestionTimelines],
  exports: [TimeTravel],
})
export class ReadSideModule {}
