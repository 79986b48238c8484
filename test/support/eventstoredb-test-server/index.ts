/**
 * TEST SUPPORT ONLY — never imported by the product (nothing under src/ may import test/).
 *
 * An in-memory stand-in for a single, insecure EventStoreDB node, listening on 127.0.0.1 on a random
 * port. It speaks the part of EventStoreDB's gRPC client protocol that the ledger's adapter and the
 * @eventstore/db-client it uses need: Streams.Read (streams, `$all`, catch-up subscriptions),
 * Streams.Append, Streams.BatchAppend, ServerFeatures and Gossip. The service definitions are the ones
 * generated into @eventstore/db-client, served with @grpc/grpc-js, so the real client talks to it
 * unchanged. See README.md in this folder for what it imitates and where that behaviour is documented.
 */
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { GossipService } from '@eventstore/db-client/generated/gossip_grpc_pb';
import { InMemoryLog } from './in-memory-log';
import { readHandler } from './streams-read';
import { appendHandler, batchAppendHandler } from './streams-append';
import { gossipReadHandler, supportedMethodsHandler } from './discovery-services';

export interface EventStoreDbTestServerOptions {
  /** The log position of the first event written, to reach positions a test could not append its way to. */
  initialPosition?: bigint;
  /** EventStoreDB's MaxAppendSize, in bytes; the server's default is 1 MiB. */
  maxAppendSize?: number;
  /**
   * false imitates a server before 21.10, without Streams.BatchAppend: the client then appends with
   * Streams.Append, whose answers (errors in the response body or as RpcExceptions) differ.
   */
  batchAppend?: boolean;
}

export interface EventStoreDbTestServer {
  /** `esdb://127.0.0.1:PORT?tls=false`: a single node without TLS. */
  connectionString: string;
  stop(): Promise<void>;
}

export const DEFAULT_MAX_APPEND_SIZE = 1024 * 1024;
const HOST = '127.0.0.1';
/** The client accepts messages up to 17 MiB; the server takes and sends as much. */
const MAX_MESSAGE_BYTES = 17 * 1024 * 1024;

export async function startEventStoreDbTestServer(options: EventStoreDbTestServerOptions = {}): Promise<EventStoreDbTestServer> {
  const log = new InMemoryLog(options.initialPosition ?? 0n);
  const maxAppendSize = options.maxAppendSize ?? DEFAULT_MAX_APPEND_SIZE;
  const server = new Server({
    'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
    'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
  });
  let port = 0;
  const batchAppend = options.batchAppend ?? true;
  server.addService(StreamsService, {
    read: readHandler(log),
    append: appendHandler(log, maxAppendSize),
    ...(batchAppend ? { batchAppend: batchAppendHandler(log, maxAppendSize) } : {}),
  });
  server.addService(ServerFeaturesService, { getSupportedMethods: supportedMethodsHandler({ batchAppend }) });
  server.addService(GossipService, { read: gossipReadHandler(HOST, () => port) });

  port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${HOST}:0`, ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );

  let stopped = false;
  return {
    connectionString: `esdb://${HOST}:${port}?tls=false`,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      // Subscriptions never end by themselves: cancel every open call rather than wait for them.
      server.forceShutdown();
    },
  };
}
