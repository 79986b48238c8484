import type { JsonObject } from '../../contract/json';
import type { RecordedEvent } from './event-store.port';

/** A recorded event as JSON: revisions and positions as decimal strings, so no digit is lost past 2^53. */
export interface RecordedEventJson {
  id: string;
  type: string;
  stream: string;
  revision: string;
  position: string;
  recordedAt: string;
  data: JsonObject;
  metadata: JsonObject;
}

export function recordedEventToJson(event: RecordedEvent): RecordedEventJson {
  return {
    id: event.id,
    type: event.type,
    stream: event.stream,
    revision: event.revision.toString(),
    position: event.position.toString(),
    recordedAt: event.recordedAt.toISOString(),
    data: event.data,
    metadata: event.metadata,
  };
}

export function recordedEventFromJson(json: RecordedEventJson): RecordedEvent {
  return {
    id: json.id,
    type: json.type,
    stream: json.stream,
    revision: BigInt(json.revision),
    position: BigInt(json.position),
    recordedAt: new Date(json.recordedAt),
    data: json.data,
    metadata: json.metadata,
  };
}
