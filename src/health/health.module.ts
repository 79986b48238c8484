import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ProjectionRuntimeModule } from '../projection-runtime/projection-runtime.module';
import { HealthController } from './health.controller';

@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'pretty' }), ProjectionRuntimeModule],
  controllers: [HealthController],
})
export class HealthModule {}
