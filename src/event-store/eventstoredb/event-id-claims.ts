import {
  FORWARDS,
  NO_STREAM,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import { DuplicateEventIdError } from '../event-store.errors';
import type { NewEvent } from '../event-store.port';
import { readUntilDone } from './streaming-read';

/**
 * EventStoreDB recognises an event id only within the stream being appended to (IndexWriter.CheckCommit
 * compares ids against that stream, and for 'any' against a memory-bounded cache filtered by stream), so
 * an id already stored in another stream is simply written again. The port promises ids unique across
 * the store, so the adapter keeps its own record: for each event it writes, one system stream
 * `$ledger-event-id-<id>` whose single event names the stream and revision that hold it.
 *
 * The claims are checked before an append and written after it, so a refused append writes nothing.
 * The cost is one read per event before, one write per event after. What this cannot see: two appends
 * racing with the same new id into different streams, and ids written by anything but this adapter.
 * Writing `$` streams needs the rights `$all` subscriptions need anyway (admin, or an ACL granting it).
 */
const EVENT_ID_CLAIM_STREAM_PREFIX = '$ledger-event-id-';
const EVENT_ID_CLAIMED = '$ledger-event-id-claimed';

interface Claim {
  stream: string;
  revision: bigint;
}

function eventIdClaimStream(eventId: string): string {
  return `${EVENT_ID_CLAIM_STREAM_PREFIX}${eventId.toLowerCase()}`;
}

/**
 * Refuses the append if one of its ids is stored elsewhere, or stored here other than as this very
 * append (a retry repeats all of its ids, in order, at consecutive revisions). A retry passes, and
 * EventStoreDB then answers it idempotently or with the wrong expected revision.
 */
export async function checkEventIdClaims(client: EventStoreDBClient, stream: string, events: readonly NewEvent[]): Promise<void> {
  const claims = await Promise.all(events.map((event) => readClaim(client, event.id)));
  const foreign = claims.findIndex((claim) => claim !== undefined && claim.stream !== stream);
  if (foreign !== -1) throw new DuplicateEventIdError(stream, events[foreign].id);

  const firstClaimed = claims.findIndex((claim) => claim !== undefined);
  if (firstClaimed === -1) return;
  const start = claims[firstClaimed]!.revision - BigInt(firstClaimed);
  if (start < 0n || !(await storedConsecutively(client, stream, start, events))) {
    throw new DuplicateEventIdError(stream, events[firstClaimed].id);
  }
}

/** Records where the append's events are; a claim that already exists is left as it is. */
export async function recordEventIdClaims(
  client: EventStoreDBClient,
  stream: string,
  events: readonly NewEvent[],
  lastRevision: bigint,
): Promise<void> {
  const first = lastRevision - BigInt(events.length) + 1n;
  await Promise.all(
    events.map(async (event, index) => {
      const claim = jsonEvent({ type: EVENT_ID_CLAIMED, data: { stream, revision: (first + BigInt(index)).toString() } });
      try {
        await client.appendToStream(eventIdClaimStream(event.id), claim, { expectedRevision: NO_STREAM });
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
      }
    }),
  );
}

/** Where the adapter recorded the event with this id: its stream and revision, or undefined. */
export async function readClaim(client: EventStoreDBClient, eventId: string): Promise<Claim | undefined> {
  try {
    for await (const resolved of readUntilDone(client.readStream(eventIdClaimStream(eventId), { maxCount: 1, direction: FORWARDS }))) {
      const data = resolved.event?.data as { stream?: unknown; revision?: unknown } | undefined;
      if (typeof data?.stream === 'string' && typeof data.revision === 'string') {
        return { stream: data.stream, revision: BigInt(data.revision) };
      }
    }
    return undefined;
  } catch (error) {
    if (error instanceof StreamNotFoundError) return undefined;
    throw error;
  }
}

async function storedConsecutively(client: EventStoreDBClient, stream: string, start: bigint, events: readonly NewEvent[]): Promise<boolean> {
  const stored: string[] = [];
  try {
    for await (const resolved of readUntilDone(client.readStream(stream, { fromRevision: start, maxCount: events.length }))) {
      if (resolved.event) stored.push(resolved.event.id);
    }
  } catch (error) {
    if (error instanceof StreamNotFoundError) return false;
    throw error;
  }
  return stored.length === events.length && stored.every((id, index) => id === events[index].id.toLowerCase());
}
