import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LedgerConfig } from '../config/ledger-config';
import type { EventStore } from './event-store.port';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

export const SQLITE_FILE_NAME = 'ledger.db';

/**
 * The one place that turns configuration into a store; the application never names an adapter.
 * The EventStoreDB client (gRPC and friends) is loaded only when that store is chosen.
 */
export async function createEventStore(config: LedgerConfig): Promise<EventStore> {
  if (config.store === 'eventstoredb') {
    const { EventStoreDbEventStore } = await import('./eventstoredb/eventstoredb-event-store');
    return new EventStoreDbEventStore({ connectionString: config.eventStoreConnectionString! });
  }
  mkdirSync(config.dataDir, { recursive: true });
  return new SqliteEventStore({
    filename: join(config.dataDir, SQLITE_FILE_NAME),
    durability: config.sqliteDurability,
  });
}
