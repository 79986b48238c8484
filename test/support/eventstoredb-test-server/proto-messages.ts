/**
 * TEST SUPPORT ONLY. Building and reading the protobuf messages of EventStoreDB's gRPC API, using the
 * generated classes shipped inside @eventstore/db-client so the wire format is the client's own.
 */
import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import sharedPb from '@eventstore/db-client/generated/shared_pb';
import streamsPb from '@eventstore/db-client/generated/streams_pb';
import anyPb from 'google-protobuf/google/protobuf/any_pb';
import type { Message } from 'google-protobuf';
import type { StoredEvent } from './in-memory-log';

export const { UUID, StreamIdentifier } = sharedPb;
export type UUID = sharedPb.UUID;

/** A Guid as EventStoreDB prints it: lower case, hyphenated. Structured ids are two big-endian halves. */
export function parseUuid(uuid: UUID | undefined): string {
  if (!uuid) throw invalidArgument('an event id is required');
  if (uuid.hasStructured()) {
    const structured = uuid.getStructured()!;
    const bytes = Buffer.alloc(16);
    bytes.writeBigUInt64BE(BigInt.asUintN(64, BigInt(structured.getMostSignificantBits())), 0);
    bytes.writeBigUInt64BE(BigInt.asUintN(64, BigInt(structured.getLeastSignificantBits())), 8);
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  const text = uuid.getString();
  if (!/^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(text)) {
    throw invalidArgument(`'${text}' is not a valid Guid`);
  }
  const hex = text.replace(/-/g, '').toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function uuidMessage(id: string, structured: boolean): UUID {
  const uuid = new UUID();
  if (!structured) return uuid.setString(id);
  const bytes = Buffer.from(id.replace(/-/g, ''), 'hex');
  const halves = new UUID.Structured()
    .setMostSignificantBits(BigInt.asIntN(64, bytes.readBigUInt64BE(0)).toString())
    .setLeastSignificantBits(BigInt.asIntN(64, bytes.readBigUInt64BE(8)).toString());
  return uuid.setStructured(halves);
}

export function streamName(identifier: sharedPb.StreamIdentifier | undefined): string {
  if (!identifier) throw invalidArgument('a stream identifier is required');
  return Buffer.from(identifier.getStreamName_asU8()).toString('utf8');
}

export function streamIdentifier(name: string): sharedPb.StreamIdentifier {
  return new StreamIdentifier().setStreamName(Buffer.from(name, 'utf8'));
}

/** The event of a read or subscription, positioned on `$all` as EventStoreDB 22.6+ does for every read. */
export function readEventMessage(event: StoredEvent, structuredIds: boolean): streamsPb.ReadResp.ReadEvent {
  const recorded = new streamsPb.ReadResp.ReadEvent.RecordedEvent()
    .setId(uuidMessage(event.id, structuredIds))
    .setStreamIdentifier(streamIdentifier(event.stream))
    .setStreamRevision(event.revision.toString())
    .setCommitPosition(event.position.toString())
    .setPreparePosition(event.position.toString())
    .setData(event.data)
    .setCustomMetadata(event.metadata);
  recorded
    .getMetadataMap()
    .set('type', event.type)
    .set('created', event.created.toString())
    .set('content-type', event.contentType);
  return new streamsPb.ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(event.position.toString());
}

/** A google.protobuf.Any holding one of EventStoreDB's error detail messages. */
export function packAny(message: Message, typeName: string): anyPb.Any {
  const any = new anyPb.Any();
  any.pack(message.serializeBinary(), typeName);
  return any;
}

/** An RpcException the way EventStoreDB's RpcExceptions builds them: a status plus `exception` trailers. */
export function rpcError(code: status, details: string, trailers: Record<string, string> = {}): ServiceError {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return Object.assign(new Error(details), { code, details, metadata });
}

export function invalidArgument(details: string): ServiceError {
  return rpcError(status.INVALID_ARGUMENT, details);
}
