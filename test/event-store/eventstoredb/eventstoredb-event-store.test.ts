import { randomUUID } from 'node:crypto';
import { connect, createServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import { EventStoreDBClient, binaryEvent, jsonEvent } from '@eventstore/db-client';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DuplicateEventIdError,
  EventStoreUnavailableError,
  InvalidAppendError,
  WrongExpectedRevisionError,
} from '../../../src/event-store/event-store.errors';
import type { NewEvent } from '../../../src/event-store/event-store.port';
import { EventStoreDbEventStore } from '../../../src/event-store/eventstoredb/eventstoredb-event-store';
import { startEventStoreDbTestServer, type EventStoreDbTestServer } from '../../support/eventstoredb-test-server';
import { collect } from '../event-store.contract';

/** What the contract cannot reach: the adapter's own mechanisms and its mapping of server answers. */
describe.each([
  ['BatchAppend', true],
  ['Streams.Append', false],
])('eventstoredb adapter on the loopback server, appending through %s', (_path, batchAppend) => {
  let server: EventStoreDbTestServer;
  let store: EventStoreDbEventStore;
  let raw: EventStoreDBClient;

  const start = async () => {
    server = await startEventStoreDbTestServer({ batchAppend });
    store = new EventStoreDbEventStore({ connectionString: server.connectionString });
    raw = EventStoreDBClient.connectionString(server.connectionString);
  };
  const event = (data: Record<string, number> = {}): NewEvent => ({ id: randomUUID(), type: 'Tested', data });
  const written = async (stream: string) => (await collect(store.readStream(stream))).map((e) => e.id);

  afterEach(async () => {
    await store.close();
    await raw.dispose();
    await server.stop();
  });

  describe('event ids', () => {
    it('refuses an id already in this stream when the append is not a retry of the one that stored it', async () => {
      await start();
      const [a, b] = [event(), event()];
      await store.append('s', [a, b], { expectedRevision: 'no_stream' });
      await expect(store.append('s', [event(), a], { expectedRevision: 1n })).rejects.toBeInstanceOf(DuplicateEventIdError);
      await expect(store.append('s', [b, a], { expectedRevision: 'any' })).rejects.toBeInstanceOf(DuplicateEventIdError);
      expect(await written('s')).toEqual([a.id, b.id]);
    });

    it('answers a retry of an append whose claims were never recorded, and records them', async () => {
      await start();
      const [a, b] = [event(), event()];
      // As if the adapter had stopped between the append and its claims.
      const stored = await raw.appendToStream('s', [a, b].map((e) => jsonEvent({ id: e.id, type: e.type, data: e.data })));
      const retried = await store.append('s', [a, b], { expectedRevision: 'no_stream' });
      expect(retried).toEqual({ nextRevision: 1n, position: stored.position!.commit });
      await expect(store.append('other', [a], { expectedRevision: 'any' })).rejects.toBeInstanceOf(DuplicateEventIdError);
    });

    it('maps corrupted idempotency from the server, which claims alone cannot see, to a duplicate id', async () => {
      await start();
      const a = event();
      await raw.appendToStream('s', [a, event()].map((e) => jsonEvent({ id: e.id, type: e.type, data: e.data })));
      await expect(store.append('s', [a, event()], { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(DuplicateEventIdError);
      expect(await written('s')).toHaveLength(2);
    });
  });

  describe('appends', () => {
    it('refuses an append over the server\'s MaxAppendSize as an invalid append, writing nothing', async () => {
      await start();
      const big = { ...event(), data: { blob: 'x'.repeat(1024 * 1024) } };
      await expect(store.append('s', [big], { expectedRevision: 'any' })).rejects.toBeInstanceOf(InvalidAppendError);
      expect(await written('s')).toEqual([]);
    });

    it('checks the expectation of an empty append and answers with the head position', async () => {
      await start();
      expect(await store.append('s', [], { expectedRevision: 'no_stream' })).toEqual({ nextRevision: -1n, position: -1n });
      const result = await store.append('s', [event()], { expectedRevision: 'no_stream' });
      expect(await store.append('s', [], { expectedRevision: 0n })).toEqual(result);
      await expect(store.append('s', [], { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    });
  });

  describe("the store's own events and other writers' system events", () => {
    it('are left out of readAll (and of its maxCount), headPosition and subscriptions', async () => {
      await start();
      const mine = event({ n: 1 });
      await store.append('s', [mine], { expectedRevision: 'any' });
      await raw.appendToStream('s', jsonEvent({ type: '$metadata-like', data: {} }));
      await raw.appendToStream('$system', jsonEvent({ type: 'Ordinary', data: {} }));
      const all = await collect(store.readAll({ maxCount: 5 }));
      expect(all.map((e) => e.id)).toEqual([mine.id]);
      expect(await store.headPosition()).toBe(all[0].position);

      const subscription = store.subscribeAll();
      const items = [];
      for await (const item of subscription) {
        items.push(item.kind === 'event' ? item.event.id : item.kind);
        if (item.kind === 'caught-up') break;
      }
      expect(items).toEqual([mine.id, 'caught-up']);
    });

    it('refuses, naming it, an event in the ledger\'s streams whose data is not JSON', async () => {
      await start();
      await raw.appendToStream('s', binaryEvent({ type: 'Opaque', data: Uint8Array.from([0xde, 0xad]) }));
      await expect(collect(store.readStream('s'))).rejects.toThrow(/"s"@0.*not a JSON object/);
    });
  });

  describe('closing', () => {
    it('does not wait on a read its consumer stopped after the server had finished sending', async () => {
      await start();
      // More events than the client's stream buffers, so the call is paused with its end unread.
      await store.append('s', Array.from({ length: 40 }, () => event()), { expectedRevision: 'any' });
      for await (const _ of store.readStream('s')) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        break;
      }
      await expect(within(2_000, store.close())).resolves.toBe('done');
    });

    it('ends open subscriptions and refuses further calls', async () => {
      await start();
      const subscription = store.subscribeAll();
      const iterating = collect(subscription);
      await new Promise((resolve) => setTimeout(resolve, 50));
      await expect(within(2_000, store.close())).resolves.toBe('done');
      await expect(within(2_000, iterating)).resolves.toBe('done');
      await expect(store.append('s', [event()], { expectedRevision: 'any' })).rejects.toThrow(/closed/);
      expect(() => store.subscribeAll()).toThrow(/closed/);
    });
  });

  describe('an unreachable server', () => {
    it('fails ping and calls with EventStoreUnavailableError once the server is gone', async () => {
      await start();
      await store.ping();
      await server.stop();
      await expect(store.ping()).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(store.append('s', [event()], { expectedRevision: 'any' })).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(collect(store.readAll())).rejects.toBeInstanceOf(EventStoreUnavailableError);
    });
  });
});

describe('eventstoredb adapter connections', () => {
  const sockets = new Set<Socket>();
  let listener: NetServer;
  afterEach(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => listener.close(() => resolve()));
  });

  /** Accepts connections, counts them, and forwards them to `target` or, without one, never answers. */
  async function listen(target?: number): Promise<number> {
    listener = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
      if (target === undefined) return;
      const upstream = connect(target, '127.0.0.1');
      upstream.on('error', () => socket.destroy());
      upstream.on('close', () => socket.destroy());
      socket.on('close', () => upstream.destroy());
      socket.pipe(upstream).pipe(socket);
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    return (listener.address() as AddressInfo).port;
  }

  it('close() drops the connection to the server, which the client\'s dispose() leaves open', async () => {
    const server = await startEventStoreDbTestServer();
    try {
      const port = await listen(Number(new URL(server.connectionString.replace('esdb://', 'http://')).port));
      const store = new EventStoreDbEventStore({ connectionString: `esdb://127.0.0.1:${port}?tls=false` });
      await store.append('s', [{ id: randomUUID(), type: 'Tested', data: {} }], { expectedRevision: 'any' });
      expect(sockets.size).toBe(1);
      await store.close();
      for (let waited = 0; sockets.size > 0 && waited < 2_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(sockets.size).toBe(0);
    } finally {
      await server.stop();
    }
  });

  it('ping gives up after its timeout when the server accepts connections but never answers', async () => {
    const port = await listen();
    const store = new EventStoreDbEventStore({ connectionString: `esdb://127.0.0.1:${port}?tls=false`, pingTimeoutMs: 300 });
    await expect(store.ping()).rejects.toThrow(EventStoreUnavailableError);
    await expect(within(2_000, store.close())).resolves.toBe('done');
  });
});

async function within(ms: number, promise: Promise<unknown>): Promise<'done' | 'timed out'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timed out'>((resolve) => {
    timer = setTimeout(() => resolve('timed out'), ms);
  });
  try {
    return await Promise.race([promise.then(() => 'done' as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
