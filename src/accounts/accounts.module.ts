import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { LedgerModule } from '../ledger/ledger.module';
import { Accounts } from './accounts.service';
import { AdminController } from './admin.controller';
import { AuthGuard } from './auth.guard';

/**
 * Accounts, roles and limits. Authentication is a port: today bearer tokens (`Accounts.authenticate`);
 * an OIDC/JWT verifier can replace it in AuthGuard without touching the routes, which only name roles.
 */
@Module({
  imports: [LedgerModule],
  controllers: [AdminController],
  providers: [Accounts, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [Accounts],
})
export class AccountsModule {}
