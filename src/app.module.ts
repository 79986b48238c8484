import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AccountsModule } from './accounts/accounts.module';
import { ConfigModule } from './config/config.module';
import type { LedgerConfig } from './config/ledger-config';
import { EventStoreModule } from './event-store/event-store.module';
import { HealthModule } from './health/health.module';
import { LedgerModule } from './ledger/ledger.module';
import { ReadSideModule } from './read-side/read-side.module';

@Module({})
export class AppModule {
  static forRoot(config: LedgerConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(config), CqrsModule.forRoot(), EventStoreModule, HealthModule, LedgerModule, ReadSideModule, AccountsModule],
    };
  }
}
