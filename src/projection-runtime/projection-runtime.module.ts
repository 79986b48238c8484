import { Module } from '@nestjs/common';
import { LEDGER_CONFIG, type LedgerConfig } from '../config/ledger-config';
import { ProjectionRunner } from './projection-runner';
import { PROJECTIONS, projectionsFor } from './projections.registry';

/**
 * The projection runner and the projections it runs: one module, so that what only reads views (the
 * read side, health, accounts) imports this and not the write side.
 */
@Module({
  providers: [{ provide: PROJECTIONS, inject: [LEDGER_CONFIG], useFactory: (config: LedgerConfig) => projectionsFor(config) }, ProjectionRunner],
  exports: [ProjectionRunner],
})
export class ProjectionRuntimeModule {}
