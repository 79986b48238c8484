import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { LEDGER_CONFIG, type LedgerConfig } from '../config/ledger-config';
import { LedgerModule } from '../ledger/ledger.module';
import { ProjectionRuntimeModule } from '../projection-runtime/projection-runtime.module';
import { Accounts } from './accounts.service';
import { AdminController } from './admin.controller';
import { AuthGuard } from './auth.guard';
import { MeController } from './me.controller';
import { AUTHENTICATOR } from './authenticator.port';
import { WriteRateLimiter, writeThrottlerOptions } from './write-rate-limiter';

/**
 * Accounts, roles and limits. Authentication is a port (AUTHENTICATOR): today the ledger's own bearer
 * tokens; an OIDC/JWT verifier can be provided instead without touching the routes, which only name roles.
 */
@Module({
  imports: [
    LedgerModule,
    ProjectionRuntimeModule,
    // The write limit's counts live in this process (WriteLimitStorage, write-limit-storage.ts): per instance.
    ThrottlerModule.forRootAsync({ inject: [LEDGER_CONFIG], useFactory: (config: LedgerConfig) => writeThrottlerOptions(config) }),
  ],
  controllers: [AdminController, MeController],
  providers: [Accounts, { provide: AUTHENTICATOR, useExisting: Accounts }, WriteRateLimiter, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [Accounts],
})
export class AccountsModule {}
