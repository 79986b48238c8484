/**
 * TEST SUPPORT ONLY. What a client asks before it works: `ServerFeatures.GetSupportedMethods` (the
 * Node client asks on its first call, and uses BatchAppend only when it is listed) and `Gossip.Read`
 * (asked only by `esdb+discover://` or multi-host connection strings).
 *
 * Like ServerFeatures.cs, method and service names are lower case and Streams.Read / BatchAppend carry
 * the features EventStoreDB attaches to them; unlike it, only the methods this server serves are listed.
 */
import { randomUUID } from 'node:crypto';
import type { sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import sharedPb from '@eventstore/db-client/generated/shared_pb';
import gossipPb from '@eventstore/db-client/generated/gossip_pb';
import serverFeaturesPb from '@eventstore/db-client/generated/serverfeatures_pb';
import { uuidMessage } from './proto-messages';

/** The server version this one imitates; the client only compares method paths, not the version. */
export const IMITATED_SERVER_VERSION = '24.10.0';

const SERVED_METHODS: ReadonlyArray<[service: string, method: string, features: string[]]> = [
  ['event_store.client.streams.Streams', 'Read', ['position', 'events']],
  ['event_store.client.streams.Streams', 'Append', []],
  ['event_store.client.streams.Streams', 'BatchAppend', ['deadline_duration']],
  ['event_store.client.server_features.ServerFeatures', 'GetSupportedMethods', []],
  ['event_store.client.gossip.Gossip', 'Read', []],
];

export function supportedMethodsHandler(served: { batchAppend: boolean }) {
  return (_call: ServerUnaryCall<sharedPb.Empty, serverFeaturesPb.SupportedMethods>, callback: sendUnaryData<serverFeaturesPb.SupportedMethods>) => {
    const listed = SERVED_METHODS.filter(([, method]) => served.batchAppend || method !== 'BatchAppend');
    const methods = listed.map(([service, method, features]) =>
      new serverFeaturesPb.SupportedMethod()
        .setServiceName(service.toLowerCase())
        .setMethodName(method.toLowerCase())
        .setFeaturesList(features),
    );
    callback(null, new serverFeaturesPb.SupportedMethods().setMethodsList(methods).setEventStoreServerVersion(IMITATED_SERVER_VERSION));
  };
}

/** A single node that is the leader, reachable where this server listens. */
export function gossipReadHandler(host: string, port: () => number) {
  const instanceId = randomUUID();
  return (_call: ServerUnaryCall<sharedPb.Empty, gossipPb.ClusterInfo>, callback: sendUnaryData<gossipPb.ClusterInfo>) => {
    const member = new gossipPb.MemberInfo()
      .setInstanceId(uuidMessage(instanceId, false))
      .setTimeStamp((BigInt(Date.now()) * 10_000n).toString())
      .setState(gossipPb.MemberInfo.VNodeState.LEADER)
      .setIsAlive(true)
      .setHttpEndPoint(new gossipPb.EndPoint().setAddress(host).setPort(port()));
    callback(null, new gossipPb.ClusterInfo().setMembersList([member]));
  };
}
