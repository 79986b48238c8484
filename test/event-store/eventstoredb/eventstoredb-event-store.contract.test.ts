import { afterAll, beforeAll, describe, it } from 'vitest';
import { EventStoreDbEventStore } from '../../../src/event-store/eventstoredb/eventstoredb-event-store';
import type { EventStore } from '../../../src/event-store/event-store.port';
import { startEventStoreDbTestServer, type EventStoreDbTestServerOptions } from '../../support/eventstoredb-test-server';
import { describeEventStoreContract } from '../event-store.contract';
import { planRealServer, startRealServer, type RunningServer } from './real-eventstoredb-server';

/** The contract's "1 MB" event is 1 MiB of text plus its JSON, more than EventStoreDB's default MaxAppendSize. */
const MAX_APPEND_SIZE = 2 * 1024 * 1024;

/** Every store gets a loopback server of its own, stopped when the store is closed. */
async function storeOnLoopbackServer(options: EventStoreDbTestServerOptions = {}): Promise<EventStore> {
  const server = await startEventStoreDbTestServer({ maxAppendSize: MAX_APPEND_SIZE, ...options });
  const store = new EventStoreDbEventStore({ connectionString: server.connectionString });
  const close = store.close.bind(store);
  store.close = async () => {
    await close();
    await server.stop();
  };
  return store;
}

// Runs everywhere: the real client, talking to the in-memory server in test/support.
describeEventStoreContract('eventstoredb (loopback gRPC test server)', {
  create: () => storeOnLoopbackServer(),
  createWithPositionsFrom: (position) => storeOnLoopbackServer({ initialPosition: position }),
});

// The same, through the client's other append path (Streams.Append, used when BatchAppend is not offered).
describeEventStoreContract('eventstoredb (loopback gRPC test server, Streams.Append without BatchAppend)', {
  create: () => storeOnLoopbackServer({ batchAppend: false }),
  createWithPositionsFrom: (position) => storeOnLoopbackServer({ initialPosition: position, batchAppend: false }),
});

// A real server: EVENTSTORE_CONNECTION_STRING if set (it needs MaxAppendSize of 2 MiB or more for the
// 1 MB event), otherwise a container when a Docker engine answers, otherwise a skip that says why.
describe('eventstoredb (real server)', async () => {
  const plan = await planRealServer();
  if (plan.kind === 'skip') {
    console.warn(`eventstoredb (real server): skipped — ${plan.reason} (${plan.detail})`);
    it.skip(`eventstoredb (real server): skipped — ${plan.reason}`, () => undefined);
    return;
  }

  let server: RunningServer | undefined;
  beforeAll(async () => {
    server = await startRealServer(plan, MAX_APPEND_SIZE);
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
  }, 60_000);

  // One server for the whole suite: the contract writes to streams of its own in every test.
  describeEventStoreContract(`eventstoredb (real server via ${plan.kind === 'container' ? plan.image : 'EVENTSTORE_CONNECTION_STRING'})`, {
    create: async () => new EventStoreDbEventStore({ connectionString: server!.connectionString }),
  });
});
