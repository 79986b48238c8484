import { CorruptEventError } from '../../event-store/event-store.errors';
import type { EventStore } from '../../event-store/event-store.port';
import { eventHash, GENESIS_HASH } from '../provenance/hash-chain';

export interface LedgerBreak {
  stream: string;
  revision: string;
  eventId: string;
  position: string;
  problem: string;
}

export interface VerificationReport {
  streams: number;
  events: number;
  /** The first broken event in log order, if any. */
  firstBreak: LedgerBreak | null;
}

/**
 * Recomputes every stream's hash chain over the whole log, in one pass: any edited, deleted or
 * reordered event is named. Only streams the ledger writes (with hashes) are checked.
 */
export async function verifyLedger(store: EventStore, onProgress?: (position: bigint) => void): Promise<VerificationReport> {
  const chains = new Map<string, { hash: string; revision: bigint }>();
  let events = 0;
  const broken = (stream: string, revision: bigint | string, eventId: string, position: bigint | string, problem: string): VerificationReport => ({
    streams: chains.size,
    events,
    firstBreak: { stream, revision: String(revision), eventId, position: String(position), problem },
  });
  try {
    for await (const event of store.readAll()) {
      events++;
      onProgress?.(event.position);
      if (typeof event.metadata.hash !== 'string') continue;
      const chain = chains.get(event.stream) ?? { hash: GENESIS_HASH, revision: -1n };
      if (event.revision !== chain.revision + 1n) {
        return broken(event.stream, event.revision, event.id, event.position, `revision ${chain.revision + 1n} is missing before it`);
      }
      if (event.metadata.prevHash !== chain.hash) {
        return broken(event.stream, event.revision, event.id, event.position, 'prevHash does not match the previous event');
      }
      const hash = eventHash(event, chain.hash);
      if (hash !== event.metadata.hash) {
        return broken(event.stream, event.revision, event.id, event.position, 'hash does not match the content: the event was changed');
      }
      chains.set(event.stream, { hash, revision: event.revision });
    }
  } catch (error) {
    if (error instanceof CorruptEventError) {
      return broken(error.stream, error.revision, error.eventId, error.position, `the stored event cannot be read: ${error.message}`);
    }
    throw error;
  }
  return { streams: chains.size, events, firstBreak: null };
}
