import { startEventStoreDbTestServer } from '../../support/eventstoredb-test-server';
import { describeWriteSideHttp } from './write-side.http';

// The same write-side suite as on SQLite, with LEDGER_STORE=eventstoredb, over gRPC against the
// loopback EventStoreDB test server (test support; see test/support/eventstoredb-test-server).
let stop: (() => Promise<void>) | undefined;

describeWriteSideHttp({
  name: 'eventstoredb over the loopback gRPC test server',
  env: async () => {
    const server = await startEventStoreDbTestServer();
    stop = server.stop;
    return { LEDGER_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: server.connectionString };
  },
  stop: async () => stop?.(),
});
