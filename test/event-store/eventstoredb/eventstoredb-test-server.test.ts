import { randomUUID } from 'node:crypto';
import { credentials as grpcCredentials } from '@grpc/grpc-js';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  InvalidTransactionError,
  MaxAppendSizeExceededError,
  NO_STREAM,
  StreamNotFoundError,
  UnknownError,
  WrongExpectedVersionError,
  jsonEvent,
  type AppendToStreamOptions,
  type Position,
} from '@eventstore/db-client';
import sharedPb from '@eventstore/db-client/generated/shared_pb';
import streamsPb from '@eventstore/db-client/generated/streams_pb';
import { StreamsClient } from '@eventstore/db-client/generated/streams_grpc_pb';
import { ServerFeaturesClient } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import type serverFeaturesPb from '@eventstore/db-client/generated/serverfeatures_pb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEventStoreDbTestServer, type EventStoreDbTestServer } from '../../support/eventstoredb-test-server';

/**
 * The loopback server against EventStoreDB's documented behaviour, through the real client. Each test
 * names where the behaviour comes from, so a difference from a real server can be traced.
 */
describe('eventstoredb test server (loopback)', () => {
  let server: EventStoreDbTestServer;
  let client: EventStoreDBClient;

  beforeEach(async () => {
    server = await startEventStoreDbTestServer();
    client = EventStoreDBClient.connectionString(server.connectionString);
  });

  afterEach(async () => {
    await client.dispose();
    await server.stop();
  });

  const event = (data: Record<string, unknown> = {}, id = randomUUID()) => jsonEvent({ id, type: 'Tested', data });
  // The client appends with BatchAppend when the server lists it, and with Append when credentials are given.
  const paths: Array<[string, AppendToStreamOptions]> = [
    ['BatchAppend', {}],
    ['Append', { credentials: { username: 'admin', password: 'changeit' } }],
  ];

  it('lists the methods it serves the way ServerFeatures.cs does: lower case, BatchAppend among them', async () => {
    const features = new ServerFeaturesClient(address(server), grpcCredentials.createInsecure());
    const methods = await new Promise<serverFeaturesPb.SupportedMethods>((resolve, reject) =>
      features.getSupportedMethods(new sharedPb.Empty(), (error, answer) => (error ? reject(error) : resolve(answer))),
    );
    features.close();
    const paths = methods.getMethodsList().map((m) => `/${m.getServiceName()}/${m.getMethodName()}`);
    expect(paths).toContain('/event_store.client.streams.streams/batchappend');
    expect(paths).toContain('/event_store.client.streams.streams/read');
  });

  describe.each(paths)('appends through %s', (_path, options) => {
    it('gives each event of one append its own position, commit equal to prepare, and answers with the last (StorageWriterService, AllReader)', async () => {
      const result = await client.appendToStream('s', [event(), event(), event()], { ...options, expectedRevision: NO_STREAM });
      const read = await collect(client.readStream('s'));
      const positions = read.map((e) => e.event!.position!);
      for (const position of positions) expect(position.commit).toBe(position.prepare);
      expect(positions[1].commit > positions[0].commit && positions[2].commit > positions[1].commit).toBe(true);
      expect(result.nextExpectedRevision).toBe(2n);
      expect(result.position).toEqual(positions[2]);
    });

    it('reports the current revision, or no_stream, of a wrong expected version (Streams.Append / BatchAppend)', async () => {
      const wrong = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as WrongExpectedVersionError);
      const missing = await wrong(client.appendToStream('s', event(), { ...options, expectedRevision: 'stream_exists' }));
      expect(missing).toBeInstanceOf(WrongExpectedVersionError);
      expect(missing).toMatchObject({ actualVersion: 'no_stream', expectedVersion: 'stream_exists' });
      expect(await wrong(client.appendToStream('s', event(), { ...options, expectedRevision: 0n }))).toMatchObject({ actualVersion: 'no_stream', expectedVersion: 0n });
      await client.appendToStream('s', [event(), event()], { ...options, expectedRevision: NO_STREAM });
      expect(await wrong(client.appendToStream('s', event(), { ...options, expectedRevision: NO_STREAM }))).toMatchObject({ actualVersion: 1n, expectedVersion: 'no_stream' });
      expect(await wrong(client.appendToStream('s', event(), { ...options, expectedRevision: 0n }))).toMatchObject({ actualVersion: 1n, expectedVersion: 0n });
    });

    it('answers a repeated append with the original result and writes nothing (IndexWriter.CheckCommit)', async () => {
      const batch = [event(), event()];
      const first = await client.appendToStream('s', batch, { ...options, expectedRevision: NO_STREAM });
      expect(await client.appendToStream('s', batch, { ...options, expectedRevision: NO_STREAM })).toEqual(first);
      expect(await client.appendToStream('s', batch, { ...options, expectedRevision: 'any' })).toEqual(first);
      expect(await collect(client.readStream('s'))).toHaveLength(2);
    });

    it('writes an id again when it is stored in another stream: ids are checked per stream (IndexWriter.CheckCommit)', async () => {
      const once = event();
      await client.appendToStream('a', once, { ...options, expectedRevision: 'any' });
      await client.appendToStream('b', once, { ...options, expectedRevision: 'any' });
      expect((await collect(client.readStream('b'))).map((e) => e.event!.id)).toEqual([once.id]);
    });

    it('refuses an append larger than MaxAppendSize, 1 MiB by default, such as the contract\'s 1 MB event', async () => {
      const big = event({ blob: 'x'.repeat(1024 * 1024) });
      const error = await client.appendToStream('s', big, options).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MaxAppendSizeExceededError);
      expect(error).toMatchObject({ maxAppendSize: 1024 * 1024 });
    });
  });

  it('answers a partly repeated append as corrupted idempotency: InvalidTransaction on Append, Unknown on BatchAppend', async () => {
    const [a, b] = [event(), event()];
    await client.appendToStream('s', [a, b], { expectedRevision: NO_STREAM });
    const viaAppend = await client.appendToStream('s', [a, event()], { ...paths[1][1], expectedRevision: NO_STREAM }).catch((e: unknown) => e);
    expect(viaAppend).toBeInstanceOf(InvalidTransactionError);
    const viaBatch = await client.appendToStream('s', [a, event()], { expectedRevision: 'any' }).catch((e: unknown) => e);
    expect(viaBatch).toBeInstanceOf(UnknownError);
  });

  it('reads a missing stream as stream-not-found', async () => {
    await expect(collect(client.readStream('never-written'))).rejects.toBeInstanceOf(StreamNotFoundError);
  });

  it('reads $all forwards from a position including it, backwards from a position excluding it (AllReader)', async () => {
    await client.appendToStream('s', [event({ n: 0 }), event({ n: 1 }), event({ n: 2 })]);
    const all = await collect(client.readAll());
    const middle = all[1].event!.position;
    const forwards = await collect(client.readAll({ fromPosition: middle }));
    expect(forwards.map((e) => e.event!.data)).toEqual([{ n: 1 }, { n: 2 }]);
    const backwards = await collect(client.readAll({ fromPosition: middle, direction: BACKWARDS }));
    expect(backwards.map((e) => e.event!.data)).toEqual([{ n: 0 }]);
    expect((await collect(client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 })))[0].event!.data).toEqual({ n: 2 });
  });

  it('confirms a subscription, delivers only events after its start, says caught up once, then goes live (client docs, 23.10+)', async () => {
    await client.appendToStream('s', [event({ n: 0 }), event({ n: 1 })]);
    await client.appendToStream('$system', jsonEvent({ type: '$hidden', data: {} }));
    const start = (await collect(client.readAll()))[0].event!.position;
    const messages = rawSubscriptionToAll(server, start, /* excludeSystemEvents */ '^[^$].*');
    await messages.until((seen) => seen.includes('caught-up'));
    await client.appendToStream('s', event({ n: 2 }));
    const seen = await messages.until((all) => all.includes('event {"n":2}'));
    messages.cancel();
    expect(seen).toEqual(['confirmation', 'event {"n":1}', 'caught-up', 'event {"n":2}']);
  });

  it('starts positions where it is told, past 2^53', async () => {
    await server.stop();
    server = await startEventStoreDbTestServer({ initialPosition: 2n ** 53n + 7n });
    await client.dispose();
    client = EventStoreDBClient.connectionString(server.connectionString);
    const result = await client.appendToStream('s', [event(), event()]);
    const [first] = await collect(client.readStream('s'));
    expect(first.event!.position!.commit).toBe(2n ** 53n + 7n);
    expect(result.position!.commit > 2n ** 53n + 7n).toBe(true);
  });

  it('is found through gossip with an esdb+discover:// connection string', async () => {
    const discovering = EventStoreDBClient.connectionString(server.connectionString.replace('esdb://', 'esdb+discover://'));
    try {
      await discovering.appendToStream('s', event());
      expect(await collect(discovering.readStream('s'))).toHaveLength(1);
    } finally {
      await discovering.dispose();
    }
  });
});

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

function address(server: EventStoreDbTestServer): string {
  return new URL(server.connectionString.replace('esdb://', 'http://')).host;
}

/** A subscription read straight off the wire, to see the server's messages in the order it sent them. */
function rawSubscriptionToAll(server: EventStoreDbTestServer, after: Position, eventTypeRegex: string) {
  const { ReadReq } = streamsPb;
  const position = new ReadReq.Options.Position().setCommitPosition(after.commit.toString()).setPreparePosition(after.prepare.toString());
  const filter = new ReadReq.Options.FilterOptions()
    .setEventType(new ReadReq.Options.FilterOptions.Expression().setRegex(eventTypeRegex))
    .setCount(new sharedPb.Empty())
    .setCheckpointintervalmultiplier(1);
  const options = new ReadReq.Options()
    .setAll(new ReadReq.Options.AllOptions().setPosition(position))
    .setSubscription(new ReadReq.Options.SubscriptionOptions())
    .setFilter(filter)
    .setUuidOption(new ReadReq.Options.UUIDOption().setString(new sharedPb.Empty()));
  const client = new StreamsClient(address(server), grpcCredentials.createInsecure());
  const call = client.read(new ReadReq().setOptions(options));
  const seen: string[] = [];
  let changed = () => {};
  call.on('data', (response: streamsPb.ReadResp) => {
    if (response.hasConfirmation()) seen.push('confirmation');
    if (response.hasCaughtUp()) seen.push('caught-up');
    if (response.hasCheckpoint()) seen.push('checkpoint');
    if (response.hasEvent()) seen.push(`event ${Buffer.from(response.getEvent()!.getEvent()!.getData_asU8()).toString()}`);
    changed();
  });
  call.on('error', () => undefined);
  return {
    until: (done: (seen: string[]) => boolean) =>
      new Promise<string[]>((resolve) => {
        changed = () => done(seen) && resolve([...seen]);
        changed();
      }),
    cancel: () => {
      call.cancel();
      client.close();
    },
  };
}
