/**
 * TEST SUPPORT ONLY. `Streams.Append` and `Streams.BatchAppend`, answering the way EventStoreDB's
 * Streams.Append.cs / Streams.BatchAppend.cs do:
 * - the result position of an append is the log position of its last event, as commit and prepare
 *   (WriteEvents replies `CommitPosition, CommitPosition`); an idempotent retry answers the same;
 * - Append reports a wrong expected version in the response body (new and 20.6.0 fields alike);
 *   BatchAppend reports it as a google.rpc.Status (ALREADY_EXISTS) whose details pack WrongExpectedVersion;
 * - a partly repeated append ("corrupted idempotency") is InvalidTransaction on Append and Unknown on
 *   BatchAppend, whose mapping has no case for it;
 * - an append larger than MaxAppendSize (sum of data + metadata + 2 × type length) is refused.
 */
import { status, type sendUnaryData, type ServerDuplexStream, type ServerReadableStream } from '@grpc/grpc-js';
import sharedPb from '@eventstore/db-client/generated/shared_pb';
import streamsPb from '@eventstore/db-client/generated/streams_pb';
import statusPb from '@eventstore/db-client/generated/status_pb';
import codePb from '@eventstore/db-client/generated/code_pb';
import emptyPb from 'google-protobuf/google/protobuf/empty_pb';
import {
  EXPECTED_ANY,
  EXPECTED_NO_STREAM,
  EXPECTED_STREAM_EXISTS,
  type InMemoryLog,
  type ProposedEvent,
  type WriteOutcome,
} from './in-memory-log';
import { packAny, parseUuid, rpcError, streamIdentifier, streamName } from './proto-messages';

const { AppendResp, BatchAppendResp } = streamsPb;
const JSON_CONTENT = 'application/json';

export function appendHandler(log: InMemoryLog, maxAppendSize: number) {
  return (call: ServerReadableStream<streamsPb.AppendReq, streamsPb.AppendResp>, callback: sendUnaryData<streamsPb.AppendResp>): void => {
    let options: streamsPb.AppendReq.Options | undefined;
    const events: ProposedEvent[] = [];
    let size = 0;
    let answered = false;
    const answer = (...args: Parameters<sendUnaryData<streamsPb.AppendResp>>) => {
      if (answered) return;
      answered = true;
      callback(...args);
    };

    call.on('data', (request: streamsPb.AppendReq) => {
      if (answered) return;
      try {
        if (!options) {
          if (!request.hasOptions()) throw rpcError(status.UNKNOWN, 'Exception was thrown by handler.');
          options = request.getOptions()!;
          return;
        }
        const message = request.getProposedMessage();
        if (!message) throw rpcError(status.UNKNOWN, 'Exception was thrown by handler.');
        const event = proposedEvent(message);
        size += sizeOnDisk(event);
        if (size > maxAppendSize) throw maxAppendSizeExceeded(maxAppendSize);
        events.push(event);
      } catch (error) {
        answer(error as Error);
      }
    });
    call.on('end', () => {
      if (answered) return;
      if (!options) return answer(rpcError(status.UNKNOWN, 'Exception was thrown by handler.'));
      const expected = expectedVersion(options);
      try {
        answer(null, appendResponse(log.write(streamName(options.getStreamIdentifier()), expected, events), options));
      } catch (error) {
        answer(error as Error);
      }
    });
  };
}

function appendResponse(outcome: WriteOutcome, options: streamsPb.AppendReq.Options): streamsPb.AppendResp {
  if (outcome.kind === 'corrupted-idempotency') {
    throw rpcError(status.INVALID_ARGUMENT, 'Invalid Transaction', { exception: 'invalid-transaction' });
  }
  if (outcome.kind === 'wrong-expected-version') {
    const wrong = new AppendResp.WrongExpectedVersion();
    if (options.hasAny()) wrong.setExpectedAny(new sharedPb.Empty()).setAny2060(new sharedPb.Empty());
    else if (options.hasStreamExists()) wrong.setExpectedStreamExists(new sharedPb.Empty()).setStreamExists2060(new sharedPb.Empty());
    // The 20.6.0 field for "no stream" is ulong.MaxValue, which the client's generated code cannot hold.
    else if (options.hasNoStream()) wrong.setExpectedNoStream(new sharedPb.Empty());
    else wrong.setExpectedRevision(options.getRevision()).setExpectedRevision2060(Number(options.getRevision()));
    if (outcome.currentRevision === -1n) wrong.setCurrentNoStream(new sharedPb.Empty()).setNoStream2060(new sharedPb.Empty());
    else wrong.setCurrentRevision(outcome.currentRevision.toString()).setCurrentRevision2060(Number(outcome.currentRevision));
    return new AppendResp().setWrongExpectedVersion(wrong);
  }
  const success = new AppendResp.Success();
  if (outcome.lastRevision === -1n) success.setNoStream(new sharedPb.Empty());
  else success.setCurrentRevision(outcome.lastRevision.toString());
  if (outcome.position === -1n) success.setNoPosition(new sharedPb.Empty());
  else {
    const position = outcome.position.toString();
    success.setPosition(new AppendResp.Position().setCommitPosition(position).setPreparePosition(position));
  }
  return new AppendResp().setSuccess(success);
}

interface PendingWrite {
  stream: string;
  expected: bigint;
  events: ProposedEvent[];
  size: number;
}

export function batchAppendHandler(log: InMemoryLog, maxAppendSize: number) {
  return (call: ServerDuplexStream<streamsPb.BatchAppendReq, streamsPb.BatchAppendResp>): void => {
    const pending = new Map<string, PendingWrite>();
    call.on('data', (request: streamsPb.BatchAppendReq) => {
      const correlationId = request.getCorrelationId();
      const respond = (stream: string | undefined, result: { error: statusPb.Status } | { success: streamsPb.BatchAppendResp.Success }) => {
        const response = new BatchAppendResp().setCorrelationId(correlationId);
        if (stream !== undefined) response.setStreamIdentifier(streamIdentifier(stream));
        if ('error' in result) response.setError(result.error);
        else response.setSuccess(result.success);
        call.write(response);
      };
      let stream: string | undefined;
      try {
        const key = parseUuid(correlationId);
        const options = request.getOptions();
        if (options) {
          if (!options.hasStreamIdentifier()) {
            return respond(undefined, { error: badRequest('Required field StreamIdentifier not set.') });
          }
          stream = streamName(options.getStreamIdentifier());
          const deadline = options.getDeadline();
          if (deadline && deadline.toDate().getTime() <= Date.now()) return respond(stream, { error: timeoutStatus() });
          if (!pending.has(key)) pending.set(key, { stream, expected: expectedVersion(options), events: [], size: 0 });
        }
        const write = pending.get(key);
        if (!write) return;
        stream = write.stream;
        for (const message of request.getProposedMessagesList()) {
          const event = proposedEvent(message);
          write.size += sizeOnDisk(event);
          write.events.push(event);
        }
        if (write.size > maxAppendSize) {
          pending.delete(key);
          return respond(stream, { error: maximumAppendSizeExceeded(maxAppendSize) });
        }
        if (!request.getIsFinal() || !pending.delete(key)) return;
        respond(stream, batchResult(log.write(write.stream, write.expected, write.events), write.expected));
      } catch (error) {
        respond(stream, { error: badRequest(error instanceof Error ? error.message : String(error)) });
      }
    });
    call.on('end', () => call.end());
  };
}

function batchResult(outcome: WriteOutcome, expected: bigint): { error: statusPb.Status } | { success: streamsPb.BatchAppendResp.Success } {
  switch (outcome.kind) {
    case 'wrong-expected-version':
      return { error: wrongExpectedVersionStatus(outcome.currentRevision, expected) };
    case 'corrupted-idempotency':
      return { error: statusOf(codePb.Code.UNKNOWN, 'Unknown', new sharedPb.Unknown(), 'event_store.client.Unknown') };
    default: {
      const success = new BatchAppendResp.Success();
      if (outcome.lastRevision >= 0n) success.setCurrentRevision(outcome.lastRevision.toString());
      else success.setNoStream(new emptyPb.Empty());
      if (outcome.position >= 0n) {
        const position = outcome.position.toString();
        success.setPosition(new sharedPb.AllStreamPosition().setCommitPosition(position).setPreparePosition(position));
      } else success.setNoPosition(new emptyPb.Empty());
      return { success };
    }
  }
}

/** WrongExpectedVersion.Create: current revision or "no stream", and the expectation as it was sent. */
function wrongExpectedVersionStatus(current: bigint, expected: bigint): statusPb.Status {
  const details = new sharedPb.WrongExpectedVersion();
  if (current === -1n) details.setCurrentNoStream(new emptyPb.Empty());
  else details.setCurrentStreamRevision(current.toString());
  if (expected === EXPECTED_ANY) details.setExpectedAny(new emptyPb.Empty());
  else if (expected === EXPECTED_NO_STREAM) details.setExpectedNoStream(new emptyPb.Empty());
  else if (expected === EXPECTED_STREAM_EXISTS) details.setExpectedStreamExists(new emptyPb.Empty());
  else details.setExpectedStreamPosition(expected.toString());
  return statusOf(codePb.Code.ALREADY_EXISTS, 'WrongExpectedVersion', details, 'event_store.client.WrongExpectedVersion');
}

function maximumAppendSizeExceeded(maxAppendSize: number): statusPb.Status {
  const details = new sharedPb.MaximumAppendSizeExceeded().setMaxappendsize(maxAppendSize);
  return statusOf(codePb.Code.INVALID_ARGUMENT, 'MaximumAppendSizeExceeded', details, 'event_store.client.MaximumAppendSizeExceeded');
}

function badRequest(message: string): statusPb.Status {
  const details = new sharedPb.BadRequest().setMessage(message);
  return statusOf(codePb.Code.INVALID_ARGUMENT, 'BadRequest', details, 'event_store.client.BadRequest');
}

function timeoutStatus(): statusPb.Status {
  return statusOf(codePb.Code.DEADLINE_EXCEEDED, 'Timeout', new sharedPb.Timeout(), 'event_store.client.Timeout');
}

function statusOf(code: codePb.Code, message: string, details: Parameters<typeof packAny>[0], typeName: string): statusPb.Status {
  return new statusPb.Status().setCode(code).setMessage(message).setDetails(packAny(details, typeName));
}

function maxAppendSizeExceeded(maxAppendSize: number) {
  return rpcError(status.INVALID_ARGUMENT, `Maximum Append Size of ${maxAppendSize} Exceeded.`, {
    exception: 'maximum-append-size-exceeded',
    'maximum-append-size': String(maxAppendSize),
  });
}

function expectedVersion(options: streamsPb.AppendReq.Options | streamsPb.BatchAppendReq.Options): bigint {
  if (options.hasAny()) return EXPECTED_ANY;
  if (options.hasNoStream()) return EXPECTED_NO_STREAM;
  if (options.hasStreamExists()) return EXPECTED_STREAM_EXISTS;
  return BigInt('getRevision' in options ? options.getRevision() : options.getStreamPosition());
}

function proposedEvent(message: streamsPb.AppendReq.ProposedMessage | streamsPb.BatchAppendReq.ProposedMessage): ProposedEvent {
  const metadata = message.getMetadataMap();
  const type = metadata.get('type');
  const contentType = metadata.get('content-type');
  if (type === undefined || contentType === undefined) {
    throw rpcError(status.INVALID_ARGUMENT, `Required Metadata Property '${type === undefined ? 'type' : 'content-type'}' is missing`, {
      exception: 'missing-required-metadata-property',
      'required-metadata-properties': 'type,content-type',
    });
  }
  return {
    id: parseUuid(message.getId()),
    type,
    // EventStoreDB keeps only "is JSON"; anything else reads back as octet-stream.
    contentType: contentType === JSON_CONTENT ? JSON_CONTENT : 'application/octet-stream',
    data: message.getData_asU8(),
    metadata: message.getCustomMetadata_asU8(),
  };
}

/** Event.SizeOnDisk. */
function sizeOnDisk(event: ProposedEvent): number {
  return event.data.length + event.metadata.length + event.type.length * 2;
}
